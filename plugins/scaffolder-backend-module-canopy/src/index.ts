/**
 * Canopy's scaffolder actions.
 *
 * @packageDocumentation
 */

export { scaffolderModuleCanopy as default } from './module';
export * from './actions';
export type { ResourceSummary } from './lib/terraform/module';
