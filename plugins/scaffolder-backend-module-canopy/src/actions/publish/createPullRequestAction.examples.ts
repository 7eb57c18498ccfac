import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Open a pull request with the rendered files, the resource summary and the validation report',
    example: yaml.stringify({
      steps: [
        {
          id: 'pr',
          action: 'canopy:publish:pull-request',
          name: 'Open the pull request',
          input: {
            repoUrl: 'github.com?owner=acme&repo=infrastructure',
            title: 'Add network for payments',
            description: 'Requested through Canopy.',
            targetPath: 'openstack',
            labels: ['canopy', 'terraform'],
            owner: 'group:default/platform-team',
            draft: true,
            resources: '${{ steps.network.output.resources }}',
            validationReport: '${{ steps.validate.output.report }}',
          },
        },
      ],
    }),
  },
  {
    description: "A GitLab merge request with the user's own token",
    example: yaml.stringify({
      steps: [
        {
          id: 'mr',
          action: 'canopy:publish:pull-request',
          name: 'Open the merge request',
          input: {
            repoUrl: 'gitlab.example.net?owner=platform&repo=gitops',
            title: 'Add workspace team-a',
            branchName: 'canopy/workspace-team-a',
            token: '${{ secrets.USER_OAUTH_TOKEN }}',
          },
        },
      ],
    }),
  },
];
