/**
 * A catalog module: each configured OpenStack cloud's mapped projects as
 * Systems and their resources as Resources, joined to the Components that
 * Canopy's templates created; and the `IS_OPENSTACK_PROJECT_OWNER`
 * permission rule, with its condition for permission policies.
 *
 * @packageDocumentation
 */

export { catalogModuleOpenStackEntityProvider as default } from './module';
export {
  OpenStackEntityProvider,
  type OpenStackEntityProviderOptions,
} from './provider/OpenStackEntityProvider';
export { PROVIDER_ANNOTATIONS as OPENSTACK_PROVIDER_ANNOTATIONS } from './entities/buildEntities';
export {
  IS_OPENSTACK_PROJECT_OWNER,
  isOpenStackProjectOwner,
} from './permissions/projectOwnerRule';
export { CatalogTagClaims, type TagClaims } from './provider/TagClaims';
export {
  ProviderStore,
  type RunRecord,
  type StoredEntity,
  type StoreChanges,
  type StoredEntityWithBody,
} from './provider/ProviderStore';
