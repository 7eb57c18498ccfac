import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '@canopy-idp/plugin-scaffolder-node';

export const examples: TemplateExample[] = actionExamples(
  {
    id: 'policies',
    action: 'canopy:kyverno:policies',
    name: 'Render guardrails',
  },
  [
    {
      description: 'Enforce the guardrails with an internal registry',
      input: {
        failureAction: 'Enforce',
        allowedRegistries: ['registry.example.net/platform', 'ghcr.io/acme'],
        podSecurityLevel: 'restricted',
        requiredLabels: ['app.kubernetes.io/name', 'app.kubernetes.io/part-of'],
      },
    },
  ],
);
