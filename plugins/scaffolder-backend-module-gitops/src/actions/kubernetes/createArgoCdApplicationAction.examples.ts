import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '@canopy-idp/plugin-scaffolder-node';

export const examples: TemplateExample[] = actionExamples(
  {
    id: 'app',
    action: 'canopy:argocd:application',
    name: 'Render the Argo CD application',
  },
  [
    {
      description: 'An application synced automatically from main',
      input: {
        name: 'payments',
        sourceRepoURL: 'https://github.com/acme/payments-deploy.git',
        path: 'deploy/prod',
        destinationNamespace: 'payments',
        project: 'default',
      },
    },
  ],
);
