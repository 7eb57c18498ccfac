import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '@canopy-idp/plugin-scaffolder-node';

export const examples: TemplateExample[] = actionExamples(
  {
    id: 'gitops',
    action: 'canopy:argocd:app-of-apps',
    name: 'Render the app-of-apps',
  },
  [
    {
      description: 'dev, test and acc as Applications',
      input: { sourceRepoURL: 'https://github.com/acme/platform.git' },
    },
    {
      description: 'Any list of environments as one ApplicationSet',
      input: {
        sourceRepoURL: 'git@gitlab.example.net:platform/gitops.git',
        environments: ['dev', 'staging', 'prod'],
        mode: 'applicationset',
        gitopsPath: 'clusters/main',
      },
    },
  ],
);
