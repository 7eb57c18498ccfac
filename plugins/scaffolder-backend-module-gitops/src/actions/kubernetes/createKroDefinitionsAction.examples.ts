import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '@canopy-idp/plugin-scaffolder-node';

export const examples: TemplateExample[] = actionExamples(
  { id: 'kro', action: 'canopy:kro:definitions', name: 'Render abstractions' },
  [
    {
      description: 'All four abstractions for the platform repository',
      input: {
        ingressNamespace: 'ingress-nginx',
        kafkaNamespace: 'kafka',
        kafkaCluster: 'shared',
      },
    },
    {
      description: 'Only Workspace and WebApplication, in a custom folder',
      input: {
        abstractions: ['Workspace', 'WebApplication'],
        targetPath: 'addons/kro',
      },
    },
  ],
);
