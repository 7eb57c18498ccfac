import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '@canopy-idp/plugin-scaffolder-node';

export const examples: TemplateExample[] = actionExamples(
  {
    id: 'volume',
    action: 'canopy:terraform:volume',
    name: 'Render the volume',
  },
  [
    {
      description: 'A 100 GiB SSD volume',
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
);
