import { startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleCanopy } from './module';

describe('scaffolderModuleCanopy', () => {
  it('registers with the scaffolder actions extension point', async () => {
    const added: TemplateAction<any, any, any>[] = [];
    let registered = false;
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          {
            addActions: (...actions: TemplateAction<any, any, any>[]) => {
              registered = true;
              added.push(...actions);
            },
          },
        ],
      ],
      features: [scaffolderModuleCanopy],
    });
    expect(registered).toBe(true);
    expect(added.every(a => a.id.startsWith('canopy:'))).toBe(true);
  });
});
