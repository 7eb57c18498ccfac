/**
 * Canopy's scaffolder actions.
 *
 * @packageDocumentation
 */

export { scaffolderModuleCanopy as default } from './module';
export * from './actions';
export { CANOPY_ACTION_IDS } from './actionIds';
export type { ResourceSummary } from './lib/terraform/module';
