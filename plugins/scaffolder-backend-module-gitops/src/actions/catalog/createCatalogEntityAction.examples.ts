import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '@canopy-idp/plugin-scaffolder-node';

export const examples: TemplateExample[] = actionExamples(
  {
    id: 'entity',
    action: 'canopy:catalog:entity',
    name: 'Describe the servers in the catalog',
  },
  [
    {
      description:
        'A Resource for OpenStack servers, found by their Canopy tag',
      input: {
        kind: 'Resource',
        name: 'payments-web',
        type: 'openstack-servers',
        owner: 'group:default/team-a',
        description: 'Two web servers for payments',
        openstack: { cloud: 'prod', regions: ['RegionOne'] },
        tags: ['openstack', 'terraform'],
        targetPath: 'openstack/payments-web',
      },
    },
    {
      description:
        'A service Component wired to its Kubernetes objects and Argo CD application',
      name: 'Describe the service in the catalog',
      input: {
        name: 'shop',
        type: 'service',
        lifecycle: 'production',
        owner: 'group:default/team-a',
        system: 'webshop',
        kubernetes: { id: 'shop', namespace: 'team-a' },
        argocdAppName: 'shop',
        links: [{ url: 'https://shop.example.com', title: 'Shop' }],
      },
    },
  ],
);
