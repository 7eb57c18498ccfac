import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '@canopy-idp/plugin-scaffolder-node';

export const examples: TemplateExample[] = actionExamples(
  {
    id: 'cluster',
    action: 'canopy:terraform:kubernetes-cluster',
    name: 'Render the cluster',
  },
  [
    {
      description: 'A 3-node cluster: one control plane, two workers',
      input: {
        name: 'platform',
        entityRef: 'resource:default/platform-cluster',
        cloud: 'prod',
        region: 'RegionOne',
        externalNetwork: 'public',
        image: 'ubuntu-24.04',
        keyPair: 'ops',
        controlPlaneFlavor: 'm1.large',
        workerFlavor: 'm1.xlarge',
        workerCount: 2,
        kubernetesVersion: '1.31',
        adminCidrs: ['198.51.100.0/24'],
      },
    },
  ],
);
