import { createApiRef } from '@backstage/core-plugin-api';
import type { OpenStackApi } from '@canopy-idp/plugin-openstack-common';

export type { OpenStackApi } from '@canopy-idp/plugin-openstack-common';

/**
 * API reference for the OpenStack backend plugin's client
 * (`OpenStackClient` of `@canopy-idp/plugin-openstack-common`).
 *
 * @public
 */
export const openstackApiRef = createApiRef<OpenStackApi>({
  id: 'plugin.openstack.client',
});
