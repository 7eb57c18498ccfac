import {
  createComponentExtension,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { deliveryPlugin } from './plugin';
import { rootRouteRef } from './routes';

/**
 * The My requests page (legacy frontend system): the signed-in user's
 * requests, newest first, with their stages. Mount it at `/delivery`:
 * `<Route path="/delivery" element={<DeliveryPage />} />`.
 *
 * @public
 */
export const DeliveryPage = deliveryPlugin.provide(
  createRoutableExtension({
    name: 'DeliveryPage',
    component: () =>
      import('./components/MyRequestsPage').then(m => m.MyRequestsPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The Delivery card of an entity's overview (legacy frontend system): the
 * requests that create or change the entity, the newest one's stages and
 * what its pull request asked for.
 *
 * @public
 */
export const EntityDeliveryCard = deliveryPlugin.provide(
  createComponentExtension({
    name: 'EntityDeliveryCard',
    component: {
      lazy: () =>
        import('./components/EntityDeliveryCard').then(
          m => m.EntityDeliveryCard,
        ),
    },
  }),
);
