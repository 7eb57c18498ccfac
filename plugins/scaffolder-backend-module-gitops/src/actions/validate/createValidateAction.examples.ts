import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '@canopy-idp/plugin-scaffolder-node';

export const examples: TemplateExample[] = actionExamples(
  { id: 'validate', action: 'canopy:validate', name: 'Validate' },
  [
    {
      description:
        'Validate everything rendered so far, failing the task on error',
      input: { path: '.' },
    },
    {
      description: 'Report only, with CRDs from a folder',
      input: {
        path: 'manifests',
        crdDirectory: '/etc/canopy/crds',
        failOnError: false,
      },
    },
  ],
);
