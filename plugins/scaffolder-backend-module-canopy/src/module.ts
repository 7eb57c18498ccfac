import { createCanopyActionsModule } from '@canopy-idp/plugin-scaffolder-node';
import { createPullRequestAction } from './actions';

/**
 * Adds `canopy:publish:pull-request` to the scaffolder.
 *
 * @public
 */
export const scaffolderModuleCanopy = createCanopyActionsModule({
  moduleId: 'canopy',
  actions: ({ config, integrations, discovery, auth }) => [
    createPullRequestAction({ integrations, config, discovery, auth }),
  ],
});
