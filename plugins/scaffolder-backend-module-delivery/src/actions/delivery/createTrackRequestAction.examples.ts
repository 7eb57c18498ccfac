import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '@canopy-idp/plugin-scaffolder-node';

export const examples: TemplateExample[] = actionExamples(
  { id: 'track', action: 'canopy:delivery:track', name: 'Track the request' },
  [
    {
      description:
        'Track an OpenStack request: the apply pipeline, then the resources tagged for the entity',
      input: {
        pullRequestUrl: '${{ steps.publish.output.remoteUrl }}',
        title: 'Add OpenStack network payments',
        entityRef: 'resource:default/payments',
        expected: {
          pipeline: true,
          openstack: {
            cloud: 'prod',
            project: 'payments',
            region: 'RegionOne',
            entityRef: 'resource:default/payments',
          },
        },
      },
    },
    {
      description:
        'Track a Kubernetes request: its KRO instance becoming Ready and the Argo CD application that syncs it',
      input: {
        pullRequestUrl: '${{ steps.publish.output.remoteUrl }}',
        title: 'Add service orders',
        entityRef: 'component:default/orders',
        expected: {
          argoCdApplications: [{ name: 'orders' }],
          kroInstances: [
            {
              cluster: 'prod',
              apiVersion: 'kro.run/v1alpha1',
              kind: 'WebApplication',
              namespace: 'team-a',
              name: 'orders',
            },
          ],
        },
      },
    },
    {
      description:
        "Track an app-of-apps: the render step's resources output lists its Argo CD applications, and its WordPress runs in each environment's namespace",
      input: {
        pullRequestUrl: '${{ steps.publish.output.remoteUrl }}',
        title: 'Add environments for blog',
        entityRef: 'component:default/blog',
        expected: {
          argoCdApplications: '${{ steps.render.output.resources }}',
          // The same instance in each environment's namespace of the
          // owning team: team-a-dev, team-a-test.
          kroInstances: [
            {
              apiVersion: 'kro.run/v1alpha1',
              kind: 'WebApplication',
              name: 'blog',
              namespacePrefix: 'team-a-',
              namespaces: ['dev', 'test'],
            },
          ],
        },
      },
    },
  ],
);
