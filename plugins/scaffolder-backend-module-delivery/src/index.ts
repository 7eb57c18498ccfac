/**
 * Canopy's delivery scaffolder action: a request recorded with the delivery
 * backend once its pull request is open.
 *
 * @packageDocumentation
 */

export { scaffolderModuleCanopyDelivery as default } from './module';
export * from './actions';
