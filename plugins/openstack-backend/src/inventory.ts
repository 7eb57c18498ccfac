/**
 * Canopy's OpenStack readers for other backend parts of the same portal, such
 * as `@canopy-idp/plugin-catalog-backend-module-openstack`: whole projects,
 * read with the OpenStack plugin's configuration and clients.
 *
 * @packageDocumentation
 */

export {
  OpenStackInventory,
  type InventoryCloud,
  type InventoryProject,
  type OpenStackInventoryReader,
} from './inventory/OpenStackInventory';
