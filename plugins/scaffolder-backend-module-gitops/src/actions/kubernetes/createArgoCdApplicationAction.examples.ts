import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'An application synced automatically from main',
    example: yaml.stringify({
      steps: [
        {
          id: 'app',
          action: 'canopy:argocd:application',
          name: 'Render the Argo CD application',
          input: {
            name: 'payments',
            sourceRepoURL: 'https://github.com/acme/payments-deploy.git',
            path: 'deploy/prod',
            destinationNamespace: 'payments',
            project: 'default',
          },
        },
      ],
    }),
  },
];
