import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '@canopy-idp/plugin-scaffolder-node';

export const examples: TemplateExample[] = actionExamples(
  {
    id: 'network',
    action: 'canopy:terraform:network',
    name: 'Render the network',
  },
  [
    {
      description: 'A routed network with a web security group',
      input: {
        name: 'payments',
        entityRef: 'component:default/payments',
        cloud: 'prod',
        region: 'RegionOne',
        cidr: '10.20.0.0/24',
        dnsNameservers: ['192.0.2.53'],
        allocationPools: [{ start: '10.20.0.10', end: '10.20.0.200' }],
        externalNetwork: 'public',
        securityGroups: [
          {
            name: 'payments-web',
            description: 'HTTPS from anywhere, SSH from the office',
            rules: [
              {
                protocol: 'tcp',
                portMin: 443,
                portMax: 443,
                remoteCidr: '0.0.0.0/0',
              },
              {
                protocol: 'tcp',
                portMin: 22,
                portMax: 22,
                remoteCidr: '198.51.100.0/24',
              },
            ],
          },
        ],
      },
    },
    {
      description: 'An isolated IPv6 network without a router',
      input: {
        name: 'lab',
        entityRef: 'resource:default/lab',
        cloud: 'lab',
        cidr: 'fd00:10::/64',
        targetPath: 'infra/lab-network',
      },
    },
  ],
);
