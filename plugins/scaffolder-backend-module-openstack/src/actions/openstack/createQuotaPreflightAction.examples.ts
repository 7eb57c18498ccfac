import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '@canopy-idp/plugin-scaffolder-node';

export const examples: TemplateExample[] = actionExamples(
  {
    id: 'quota',
    action: 'canopy:openstack:quota-preflight',
    name: 'Check the quota',
  },
  [
    {
      description:
        'Two servers with a boot and a data volume and floating IPs, before rendering them',
      input: {
        cloud: 'lab',
        region: 'RegionOne',
        servers: [
          {
            flavor: 'm1.small',
            count: 2,
            volumesGiB: [20, 50],
            floatingIp: true,
          },
        ],
      },
    },
    {
      description: 'A loose volume and a load balancer floating IP',
      input: {
        cloud: 'lab',
        region: 'RegionOne',
        project: 'demo',
        volumesGiB: [100],
        floatingIps: 1,
      },
    },
  ],
);
