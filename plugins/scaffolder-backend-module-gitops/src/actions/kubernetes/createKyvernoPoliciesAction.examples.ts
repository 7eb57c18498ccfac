import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Enforce the guardrails with an internal registry',
    example: yaml.stringify({
      steps: [
        {
          id: 'policies',
          action: 'canopy:kyverno:policies',
          name: 'Render guardrails',
          input: {
            failureAction: 'Enforce',
            allowedRegistries: [
              'registry.example.net/platform',
              'ghcr.io/acme',
            ],
            podSecurityLevel: 'restricted',
            requiredLabels: [
              'app.kubernetes.io/name',
              'app.kubernetes.io/part-of',
            ],
          },
        },
      ],
    }),
  },
];
