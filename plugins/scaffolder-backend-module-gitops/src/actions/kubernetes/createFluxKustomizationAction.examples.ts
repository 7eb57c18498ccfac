import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '@canopy-idp/plugin-scaffolder-node';

export const examples: TemplateExample[] = actionExamples(
  {
    id: 'flux',
    action: 'canopy:flux:kustomization',
    name: 'Render the Kustomization',
  },
  [
    {
      description: "Reconcile a team's user space every five minutes",
      input: {
        name: 'team-a',
        path: 'user-space/team-a',
        interval: '5m',
        dependsOn: ['abstractions'],
      },
    },
  ],
);
