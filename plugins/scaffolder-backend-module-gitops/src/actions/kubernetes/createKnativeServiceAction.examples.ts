import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '@canopy-idp/plugin-scaffolder-node';

export const examples: TemplateExample[] = actionExamples(
  {
    id: 'function',
    action: 'canopy:knative:service',
    name: 'Render the function',
  },
  [
    {
      description: 'A function that scales to zero',
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
);
