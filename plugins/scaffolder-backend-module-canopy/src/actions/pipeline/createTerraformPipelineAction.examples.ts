import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Add the Terraform apply pipeline when the repository has none, and tell the pull request which secrets to create',
    example: yaml.stringify({
      steps: [
        {
          id: 'pipeline',
          action: 'canopy:pipeline:terraform',
          name: 'Add the Terraform pipeline',
          input: {
            repoUrl: 'github.com?owner=acme&repo=infrastructure',
            terraformRoot: 'openstack',
            cloud: 'prod',
            region: 'RegionOne',
          },
        },
      ],
    }),
  },
  {
    description:
      'A GitLab CI pipeline for Terraform roots below terraform/, with a pinned Terraform and branch',
    example: yaml.stringify({
      steps: [
        {
          id: 'pipeline',
          action: 'canopy:pipeline:terraform',
          name: 'Add the Terraform pipeline',
          input: {
            repoUrl: 'gitlab.example.net?owner=platform&repo=infrastructure',
            terraformRoot: 'terraform',
            terraformVersion: '1.10.5',
            defaultBranch: 'production',
          },
        },
      ],
    }),
  },
];
