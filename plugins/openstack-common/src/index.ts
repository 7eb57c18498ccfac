/**
 * Shared types, catalog annotations and permissions for Canopy's OpenStack plugins.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './permissions';
export * from './types';
export * from './quota';
export * from './cost';
export * from './client';
export {
  OpenStackOperationsClient,
  type OpenStackOperationsClientOptions,
} from './schema/client.generated';
export type {
  components as OpenStackApiComponents,
  paths as OpenStackApiPaths,
  operations as OpenStackApiOperations,
} from './schema/types.generated';
