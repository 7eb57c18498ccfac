import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { isOpenStackAvailable } from './components/entity/isOpenStackAvailable';
import { entityContentRouteRef } from './routes';

// Both load their component lazily, on the first entity page that shows them,
// and only for entities with the openstack.canopy-idp.io/cloud annotation.

/**
 * The OpenStack tab of the entity page (`entity-content:openstack`), at
 * `<entity page>/openstack`.
 *
 * @alpha
 */
export const openstackEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'openstack',
    title: 'OpenStack',
    // The overview card links here through this route ref.
    routeRef: convertLegacyRouteRef(entityContentRouteRef),
    filter: isOpenStackAvailable,
    loader: () =>
      import('./components/entity').then(m => <m.OpenStackEntityContent />),
  },
});

/**
 * The OpenStack card of the entity overview (`entity-card:openstack`).
 *
 * @alpha
 */
export const openstackEntityCard = EntityCardBlueprint.make({
  params: {
    filter: isOpenStackAvailable,
    loader: () =>
      import('./components/entity').then(m => <m.OpenStackOverviewCard />),
  },
});
