/**
 * A catalog module: an org provider that reads each configured cloud's
 * Keystone groups and users (with their memberships) into Group and User
 * entities, so teams come from Keystone, the single identity source.
 *
 * @packageDocumentation
 */

export { catalogModuleKeystoneOrgEntityProvider as default } from './module';
export {
  KeystoneOrgEntityProvider,
  type KeystoneOrgEntityProviderOptions,
  type KeystoneOrgReader,
} from './KeystoneOrgEntityProvider';
export {
  buildOrgEntities,
  KEYSTONE_ORG_ANNOTATIONS,
  type DomainRead,
  type OrgEntities,
} from './buildOrgEntities';
