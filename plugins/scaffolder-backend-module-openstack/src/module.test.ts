import { startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { CANOPY_ACTION_IDS } from '@canopy-idp/plugin-scaffolder-node';
import { scaffolderModuleCanopyOpenStack } from './module';

describe('scaffolderModuleCanopyOpenStack', () => {
  it('registers its actions with the scaffolder, each one of CANOPY_ACTION_IDS', async () => {
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
      features: [scaffolderModuleCanopyOpenStack],
    });
    const ids = added.map(a => a.id).sort();
    expect(ids).toEqual([
      'canopy:openstack:quota-preflight',
      'canopy:terraform:instances',
      'canopy:terraform:kubernetes-cluster',
      'canopy:terraform:loadbalancer',
      'canopy:terraform:network',
      'canopy:terraform:volume',
    ]);
    // CANOPY_ACTION_IDS is what permission policies allow by id.
    for (const id of ids) expect(CANOPY_ACTION_IDS).toContain(id);
  });
});
