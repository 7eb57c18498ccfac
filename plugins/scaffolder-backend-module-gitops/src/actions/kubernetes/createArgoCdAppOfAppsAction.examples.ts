import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const step = (input: object) =>
  yaml.stringify({
    steps: [
      {
        id: 'gitops',
        action: 'canopy:argocd:app-of-apps',
        name: 'Render the app-of-apps',
        input,
      },
    ],
  });

export const examples: TemplateExample[] = [
  {
    description: 'dev, test and acc as Applications',
    example: step({ sourceRepoURL: 'https://github.com/acme/platform.git' }),
  },
  {
    description: 'Any list of environments as one ApplicationSet',
    example: step({
      sourceRepoURL: 'git@gitlab.example.net:platform/gitops.git',
      environments: ['dev', 'staging', 'prod'],
      mode: 'applicationset',
      gitopsPath: 'clusters/main',
    }),
  },
];
