import { createRouteRef } from '@backstage/core-plugin-api';

/** Where legacy apps mount `EntityOpenStackContent` (an entity page tab). */
export const entityContentRouteRef = createRouteRef({
  id: 'openstack:entity-content',
});
