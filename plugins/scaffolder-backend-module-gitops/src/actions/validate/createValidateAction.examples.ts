import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Validate everything rendered so far, failing the task on error',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'canopy:validate',
          name: 'Validate',
          input: { path: '.' },
        },
      ],
    }),
  },
  {
    description: 'Report only, with CRDs from a folder',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'canopy:validate',
          name: 'Validate',
          input: {
            path: 'manifests',
            crdDirectory: '/etc/canopy/crds',
            failOnError: false,
          },
        },
      ],
    }),
  },
];
