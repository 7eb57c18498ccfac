import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/**
 * Read the OpenStack resources behind a catalog entity. A resource permission on
 * catalog entities, so conditional rules such as IS_ENTITY_OWNER apply.
 *
 * @public
 */
export const openstackResourcesReadPermission = createPermission({
  name: 'openstack.resources.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Use the live look-ups (flavors, images, networks, quotas) that back template forms.
 *
 * @public
 */
export const openstackLookupPermission = createPermission({
  name: 'openstack.lookup',
  attributes: { action: 'read' },
});

/**
 * See and call the OpenStack plugin's actions in Backstage's actions registry
 * (and so through MCP). Calling one still needs what its route needs.
 *
 * @public
 */
export const openstackActionsUsePermission = createPermission({
  name: 'openstack.actions.use',
  attributes: { action: 'read' },
});

/**
 * Every permission the OpenStack plugin checks.
 *
 * @public
 */
export const openstackPermissions = [
  openstackResourcesReadPermission,
  openstackLookupPermission,
  openstackActionsUsePermission,
];
