// testRegisteredActions declares a test for the file that calls it: that is what it is for.
/* eslint-disable jest/no-export */
import type { BackendFeature } from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { CANOPY_ACTION_IDS } from '@canopy-idp/plugin-scaffolder-node';

/**
 * Starts a test backend with a scaffolder module and returns the ids of the
 * actions it added to the scaffolder, sorted.
 *
 * @public
 */
export async function registeredActionIds(
  module: BackendFeature,
): Promise<string[]> {
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
    features: [module],
  });
  return added.map(a => a.id).sort();
}

/**
 * A test that a scaffolder module adds exactly the actions `ids` (sorted),
 * each one of `CANOPY_ACTION_IDS` (what permission policies allow by id).
 *
 * @public
 */
export function testRegisteredActions(module: BackendFeature, ids: string[]) {
  it('adds its actions to the scaffolder, each one of CANOPY_ACTION_IDS', async () => {
    const registered = await registeredActionIds(module);
    expect(registered).toEqual(ids);
    expect(CANOPY_ACTION_IDS).toEqual(expect.arrayContaining(registered));
  });
}
