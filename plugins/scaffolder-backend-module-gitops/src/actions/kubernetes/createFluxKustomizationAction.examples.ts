import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: "Reconcile a team's user space every five minutes",
    example: yaml.stringify({
      steps: [
        {
          id: 'flux',
          action: 'canopy:flux:kustomization',
          name: 'Render the Kustomization',
          input: {
            name: 'team-a',
            path: 'user-space/team-a',
            interval: '5m',
            dependsOn: ['abstractions'],
          },
        },
      ],
    }),
  },
];
