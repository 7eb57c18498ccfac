import { startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { CANOPY_ACTION_IDS } from '@canopy-idp/plugin-scaffolder-node';
import { scaffolderModuleCanopyGitOps } from './module';

describe('scaffolderModuleCanopyGitOps', () => {
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
      features: [scaffolderModuleCanopyGitOps],
    });
    const ids = added.map(a => a.id).sort();
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
    for (const id of ids) expect(CANOPY_ACTION_IDS).toContain(id);
  });
});
