import {
  ApiBlueprint,
  coreApis,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import { DeliveryClient } from '@canopy-idp/plugin-delivery-common';
import { deliveryApiRef } from './api';
import {
  deliveryEntityCard,
  deliveryPage,
  deliveryRootRouteRef,
} from './blueprints';

// The extensions are reached through the plugin (`getExtension(id)`, or
// `app.extensions` in configuration); only the plugin is exported.
const deliveryApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: deliveryApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: deps => new DeliveryClient(deps),
    }),
});

/**
 * Canopy's delivery plugin for apps on the new frontend system: the
 * `deliveryApiRef` client (`api:delivery`), the My requests page at
 * `/delivery` with its nav item (`page:delivery`), and the Delivery card of
 * the overview of components, resources and systems
 * (`entity-card:delivery`).
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'delivery',
  title: 'Delivery',
  routes: { root: deliveryRootRouteRef },
  extensions: [deliveryApi, deliveryPage, deliveryEntityCard],
});
