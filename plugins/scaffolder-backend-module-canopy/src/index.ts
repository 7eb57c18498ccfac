/**
 * Canopy's publish scaffolder action: a pull or merge request on its task's
 * own branch, only in a repository the user's teams own.
 *
 * @packageDocumentation
 */

export { scaffolderModuleCanopy as default } from './module';
export * from './actions';
export { CANOPY_ACTION_IDS } from '@canopy-idp/plugin-scaffolder-node';
