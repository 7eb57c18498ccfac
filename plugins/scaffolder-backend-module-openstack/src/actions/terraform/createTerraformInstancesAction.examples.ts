import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '@canopy-idp/plugin-scaffolder-node';

export const examples: TemplateExample[] = actionExamples(
  {
    id: 'vms',
    action: 'canopy:terraform:instances',
    name: 'Render the instances',
  },
  [
    {
      description:
        'Two web servers booting from volumes, with data volumes and floating IPs',
      input: {
        name: 'payments-web',
        entityRef: 'component:default/payments',
        cloud: 'prod',
        count: 2,
        flavor: 'm1.small',
        image: 'ubuntu-24.04',
        network: 'payments',
        keyPair: 'ops',
        securityGroups: ['default', 'payments-web'],
        availabilityZone: 'nova',
        antiAffinity: true,
        bootVolume: { sizeGiB: 20 },
        volumes: [{ name: 'data', sizeGiB: 50, volumeType: 'ssd' }],
        floatingIpPool: 'public',
        userData: '#cloud-config\npackages:\n  - nginx\n',
        metadata: { role: 'web' },
      },
    },
    {
      description: 'One small instance',
      id: 'vm',
      name: 'Render the instance',
      input: {
        name: 'bastion',
        entityRef: 'resource:default/bastion',
        cloud: 'lab',
        flavor: 'm1.tiny',
        image: 'cirros',
        network: 'demo-net',
      },
    },
  ],
);
