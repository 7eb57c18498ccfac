import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'A function that scales to zero',
    example: yaml.stringify({
      steps: [
        {
          id: 'function',
          action: 'canopy:knative:service',
          name: 'Render the function',
          input: {
            name: 'thumbnailer',
            namespace: 'team-a',
            image: 'ghcr.io/acme/thumbnailer:1.2.0',
            env: { BUCKET: 'thumbnails' },
            maxScale: 5,
            concurrency: 10,
          },
        },
      ],
    }),
  },
];
