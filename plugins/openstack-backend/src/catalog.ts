/**
 * The catalog side of Canopy's OpenStack tenancy: a catalog module with the
 * `IS_OPENSTACK_PROJECT_OWNER` permission rule, and its condition for
 * permission policies.
 *
 * @packageDocumentation
 */

export { catalogModuleOpenStackPermissions as default } from './catalog/module';
export {
  IS_OPENSTACK_PROJECT_OWNER,
  isOpenStackProjectOwner,
} from './catalog/projectOwnerRule';
