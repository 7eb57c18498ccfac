import { CANOPY_ACTION_IDS } from '@canopy-idp/plugin-scaffolder-node';
import { registeredActionIds } from '@canopy-idp/plugin-scaffolder-node-test-utils';
import { scaffolderModuleCanopyGitOps } from './module';

describe('scaffolderModuleCanopyGitOps', () => {
  it('adds its actions to the scaffolder, each one of CANOPY_ACTION_IDS', async () => {
    const ids = await registeredActionIds(scaffolderModuleCanopyGitOps);
    expect(ids).toEqual([
      'canopy:argocd:app-of-apps',
      'canopy:argocd:application',
      'canopy:catalog:entity',
      'canopy:flux:kustomization',
      'canopy:knative:service',
      'canopy:kro:definitions',
      'canopy:kro:instance',
      'canopy:kyverno:policies',
      'canopy:validate',
    ]);
    // CANOPY_ACTION_IDS is what permission policies allow by id.
    expect(CANOPY_ACTION_IDS).toEqual(expect.arrayContaining(ids));
  });
});
