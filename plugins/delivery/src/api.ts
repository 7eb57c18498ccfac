import { createApiRef } from '@backstage/core-plugin-api';
import type { DeliveryApi } from '@canopy-idp/plugin-delivery-common';

export type { DeliveryApi } from '@canopy-idp/plugin-delivery-common';

/**
 * API reference for the delivery backend's client (`DeliveryClient` of
 * `@canopy-idp/plugin-delivery-common`).
 *
 * @public
 */
export const deliveryApiRef = createApiRef<DeliveryApi>({
  id: 'plugin.delivery',
});
