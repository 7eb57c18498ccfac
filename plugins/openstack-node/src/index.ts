/**
 * Canopy's OpenStack readers, shared by the OpenStack backend plugin and the
 * catalog's OpenStack entity provider: the `openstack` configuration, Keystone
 * sessions, paged, retried, cached and circuit-broken reads of each project.
 *
 * @packageDocumentation
 */

export { readPluginOptions, secretsOf } from './config/readPluginOptions';
export {
  readCloudProviderConfig,
  type CloudProviderConfig,
} from './config/cloudProviderConfig';
export {
  projectLabel,
  type CloudAuth,
  type CloudConfig,
  type IdentityReaderConfig,
  type MappedProject,
  type OpenStackPluginOptions,
} from './config/types';
export type { Http, HttpResponse } from './http/HttpClient';
export type { SessionScope } from './keystone/SessionPool';
export {
  IdentityClient,
  type KeystoneDomain,
  type KeystoneRoleAssignment,
  type KeystoneGroup,
  type KeystoneUser,
} from './keystone/IdentityClient';
export {
  keystoneEntityName,
  keystoneEntityRef,
  keystoneNamespace,
} from './tenancy/keystoneNames';
export {
  openStackProjectsServiceFactory,
  openStackProjectsServiceRef,
  type OpenStackProjectsService,
} from './service/projectsService';
export { openstackServiceRef } from './service/openstackServiceRef';
export {
  OpenStackConnections,
  type OpenStackConnectionHooks,
} from './service/OpenStackConnections';
export type { ProjectScope } from './keystone/token';
export {
  OpenStackInventory,
  type InventoryCloud,
  type InventoryProject,
  type OpenStackInventoryReader,
} from './inventory/OpenStackInventory';
export type { Target } from './reading/ScopeResolver';
export {
  OpenStackService,
  type OpenStackServiceHooks,
} from './service/OpenStackService';
export type { CredentialSource } from './tenancy/CredentialSource';
export { readOwnerRefs } from './config/ownerRefs';
export { OwnershipResolver } from './tenancy/OwnershipResolver';
export { matchesRef, ownsProject, ProjectMap } from './tenancy/ProjectMap';
export * from './cost';
