import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'A 100 GiB SSD volume',
    example: yaml.stringify({
      steps: [
        {
          id: 'volume',
          action: 'canopy:terraform:volume',
          name: 'Render the volume',
          input: {
            name: 'reports-archive',
            entityRef: 'component:default/reports',
            cloud: 'prod',
            sizeGiB: 100,
            volumeType: 'ssd',
            availabilityZone: 'nova',
            description: 'Monthly report archive',
          },
        },
      ],
    }),
  },
];
