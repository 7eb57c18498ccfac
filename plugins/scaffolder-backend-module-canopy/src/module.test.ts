import { startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { CANOPY_ACTION_IDS } from './actionIds';
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
    // CANOPY_ACTION_IDS is what permission policies allow by id.
    expect(added.map(a => a.id).sort()).toEqual([...CANOPY_ACTION_IDS].sort());
    expect(CANOPY_ACTION_IDS).toHaveLength(18);
  });
});
