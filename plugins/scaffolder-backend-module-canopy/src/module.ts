import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createPullRequestAction } from './actions';

/**
 * Adds `canopy:publish:pull-request` to the scaffolder.
 *
 * @public
 */
export const scaffolderModuleCanopy = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'canopy',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, config, discovery, auth }) {
        const integrations = ScmIntegrations.fromConfig(config);
        scaffolder.addActions(
          createPullRequestAction({ integrations, config, discovery, auth }),
        );
      },
    });
  },
});
