import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '@canopy-idp/plugin-scaffolder-node';

export const examples: TemplateExample[] = actionExamples(
  {
    id: 'instance',
    action: 'canopy:kro:instance',
    name: 'Render the instance',
  },
  [
    {
      description: 'A workspace for team-a',
      input: {
        instance: {
          kind: 'Workspace',
          name: 'team-a',
          cpu: '16',
          memory: '32Gi',
        },
        entityRef: 'group:default/team-a',
      },
    },
    {
      description: 'A web application',
      input: {
        instance: {
          kind: 'WebApplication',
          name: 'shop',
          namespace: 'team-a',
          image: 'ghcr.io/acme/shop',
          tag: '1.4.2',
          replicas: 3,
          host: 'shop.example.com',
        },
        entityRef: 'component:default/shop',
      },
    },
    {
      description: 'PostgreSQL and Redis for an application',
      input: {
        instance: {
          kind: 'Infrastructure',
          name: 'shop-data',
          namespace: 'team-a',
          database: 'shop',
          redisPasswordSecret: 'shop-redis',
        },
      },
    },
    {
      description: 'A Kafka topic',
      input: {
        instance: {
          kind: 'Topic',
          name: 'orders',
          namespace: 'team-a',
          partitions: 6,
        },
      },
    },
  ],
);
