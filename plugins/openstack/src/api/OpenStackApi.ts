import { createApiRef } from '@backstage/core-plugin-api';
import type { OpenStackHealth } from '@canopy-idp/plugin-openstack-common';

/**
 * Client of Canopy's OpenStack backend plugin.
 *
 * @public
 */
export interface OpenStackApi {
  /** Liveness of the backend plugin and the names of its configured clouds. */
  health(): Promise<OpenStackHealth & { clouds: string[] }>;
}

/**
 * API reference for {@link OpenStackApi}.
 *
 * @public
 */
export const openstackApiRef = createApiRef<OpenStackApi>({
  id: 'plugin.openstack.client',
});
