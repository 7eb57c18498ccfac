/**
 * Canopy's scaffolder actions.
 *
 * @packageDocumentation
 */

export { scaffolderModuleCanopy as default } from './module';
export * from './actions';
