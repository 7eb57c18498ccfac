import type { BackendFeature } from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';

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
