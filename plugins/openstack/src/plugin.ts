import {
  createApiFactory,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { OpenStackClient } from '@canopy-idp/plugin-openstack-common';
import { openstackApiRef } from './api';
import { entityContentRouteRef } from './routes';

/**
 * The OpenStack plugin for apps on the legacy frontend system.
 * Apps on the new frontend system use the default export of
 * `@canopy-idp/plugin-openstack/alpha` instead.
 *
 * @public
 */
export const openstackPlugin = createPlugin({
  id: 'openstack',
  apis: [
    createApiFactory({
      api: openstackApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new OpenStackClient(deps),
    }),
  ],
  routes: {
    entityContent: entityContentRouteRef,
  },
});
