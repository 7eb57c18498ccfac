import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createTrackRequestAction } from './actions';

/**
 * Adds `canopy:delivery:track` to the scaffolder: a request recorded with
 * Canopy's delivery backend.
 *
 * @public
 */
export const scaffolderModuleCanopyDelivery = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'canopy-delivery',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, discovery, auth }) {
        scaffolder.addActions(createTrackRequestAction({ discovery, auth }));
      },
    });
  },
});
