/**
 * Shared types and the HTTP client of Canopy's delivery tracking: each
 * request a template opens as a pull request, followed to running.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './client';
export {
  DeliveryOperationsClient,
  type DeliveryOperationsClientOptions,
} from './schema/client.generated';
export * from './pipeline';
export * from './taskMarker';
export type {
  components as DeliveryApiComponents,
  paths as DeliveryApiPaths,
  operations as DeliveryApiOperations,
} from './schema/types.generated';
