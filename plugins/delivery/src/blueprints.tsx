import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { PageBlueprint } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { DeliveryIcon } from './DeliveryIcon';
import { rootRouteRef } from './routes';

/** The page's route ref in the new frontend system (the same ref as the legacy one). */
export const deliveryRootRouteRef = convertLegacyRouteRef(rootRouteRef);

/**
 * The My requests page (`page:delivery`) at `/delivery`. With a title, an
 * icon and a route ref it is also the app's "My requests" nav item.
 */
export const deliveryPage = PageBlueprint.make({
  params: {
    path: '/delivery',
    title: 'My requests',
    icon: <DeliveryIcon />,
    routeRef: deliveryRootRouteRef,
    loader: () =>
      import('./components/MyRequestsPage').then(m => <m.MyRequestsContent />),
  },
});

/**
 * The Delivery card of the entity overview (`entity-card:delivery`), for
 * components, resources and systems: the kinds Canopy's templates create.
 */
export const deliveryEntityCard = EntityCardBlueprint.make({
  params: {
    filter: { kind: { $in: ['component', 'resource', 'system'] } },
    loader: () =>
      import('./components/EntityDeliveryCard').then(m => (
        <m.EntityDeliveryCard />
      )),
  },
});
