import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'All four abstractions for the platform repository',
    example: yaml.stringify({
      steps: [
        {
          id: 'kro',
          action: 'canopy:kro:definitions',
          name: 'Render abstractions',
          input: {
            ingressNamespace: 'ingress-nginx',
            kafkaNamespace: 'kafka',
            kafkaCluster: 'shared',
          },
        },
      ],
    }),
  },
  {
    description: 'Only Workspace and WebApplication, in a custom folder',
    example: yaml.stringify({
      steps: [
        {
          id: 'kro',
          action: 'canopy:kro:definitions',
          name: 'Render abstractions',
          input: {
            abstractions: ['Workspace', 'WebApplication'],
            targetPath: 'addons/kro',
          },
        },
      ],
    }),
  },
];
