import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '@canopy-idp/plugin-scaffolder-node';

export const examples: TemplateExample[] = actionExamples(
  {
    id: 'pipeline',
    action: 'canopy:pipeline:terraform',
    name: 'Add the Terraform pipeline',
  },
  [
    {
      description:
        "Add the Terraform apply pipeline when the repository has none, name the root's credentials (secrets OS_*_PROD_PAYMENTS_REGIONONE_<hash>) in openstack/web/canopy-pipeline.json, and tell the pull request which secrets to create",
      input: {
        repoUrl: 'github.com?owner=acme&repo=infrastructure',
        terraformRoot: 'openstack',
        rootPath: 'openstack/web',
        cloud: 'prod',
        project: 'payments',
        region: 'RegionOne',
      },
    },
    {
      description:
        'A GitLab CI pipeline for Terraform roots below terraform/, with a pinned Terraform and branch',
      input: {
        repoUrl: 'gitlab.example.net?owner=platform&repo=infrastructure',
        terraformRoot: 'terraform',
        rootPath: 'terraform/queue',
        project: 'platform',
        terraformVersion: '1.10.5',
        defaultBranch: 'production',
      },
    },
  ],
);
