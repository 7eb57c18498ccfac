/**
 * Canopy's OpenStack scaffolder actions: Terraform for OpenStack and the
 * quota preflight.
 *
 * @packageDocumentation
 */

export { scaffolderModuleCanopyOpenStack as default } from './module';
export * from './actions';
export type { ResourceSummary } from './lib/terraform/module';
