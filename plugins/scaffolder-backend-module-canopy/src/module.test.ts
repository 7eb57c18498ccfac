import { startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleCanopy } from './module';

describe('scaffolderModuleCanopy', () => {
  it('registers exactly the canopy:* actions with the scaffolder', async () => {
    const added: TemplateAction<any, any, any>[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          {
            addActions: (...actions: TemplateAction<any, any, any>[]) => {
              added.push(...actions);
            },
          },
        ],
      ],
      features: [scaffolderModuleCanopy],
    });
    expect(added.map(a => a.id).sort()).toEqual([
      'canopy:argocd:app-of-apps',
      'canopy:argocd:application',
      'canopy:catalog:entity',
      'canopy:delivery:track',
      'canopy:flux:kustomization',
      'canopy:knative:service',
      'canopy:kro:definitions',
      'canopy:kro:instance',
      'canopy:kyverno:policies',
      'canopy:openstack:quota-preflight',
      'canopy:pipeline:terraform',
      'canopy:publish:pull-request',
      'canopy:terraform:instances',
      'canopy:terraform:kubernetes-cluster',
      'canopy:terraform:loadbalancer',
      'canopy:terraform:network',
      'canopy:terraform:volume',
      'canopy:validate',
    ]);
  });
});
