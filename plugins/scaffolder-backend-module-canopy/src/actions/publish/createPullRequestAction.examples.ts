import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '@canopy-idp/plugin-scaffolder-node';

export const examples: TemplateExample[] = actionExamples(
  {
    id: 'pr',
    action: 'canopy:publish:pull-request',
    name: 'Open the pull request',
  },
  [
    {
      description:
        'Open a pull request with the rendered files, the resource summary and the validation report',
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
    {
      description: "A GitLab merge request with the user's own token",
      id: 'mr',
      name: 'Open the merge request',
      input: {
        repoUrl: 'gitlab.example.net?owner=platform&repo=gitops',
        title: 'Add workspace team-a',
        branchName: 'canopy/workspace-team-a',
        token: '${{ secrets.USER_OAUTH_TOKEN }}',
      },
    },
  ],
);
