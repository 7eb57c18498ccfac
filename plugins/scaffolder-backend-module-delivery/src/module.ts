import { createCanopyActionsModule } from '@canopy-idp/plugin-scaffolder-node';
import { createTrackRequestAction } from './actions';

/**
 * Adds `canopy:delivery:track` to the scaffolder: a request recorded with
 * Canopy's delivery backend.
 *
 * @public
 */
export const scaffolderModuleCanopyDelivery = createCanopyActionsModule({
  moduleId: 'canopy-delivery',
  actions: ({ discovery, auth }) => [
    createTrackRequestAction({ discovery, auth }),
  ],
});
