import {
  createApiFactory,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { DeliveryClient } from '@canopy-idp/plugin-delivery-common';
import { deliveryApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * The delivery plugin for apps on the legacy frontend system.
 * Apps on the new frontend system use the default export of
 * `@canopy-idp/plugin-delivery/alpha` instead.
 *
 * @public
 */
export const deliveryPlugin = createPlugin({
  id: 'delivery',
  apis: [
    createApiFactory({
      api: deliveryApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new DeliveryClient(deps),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});
