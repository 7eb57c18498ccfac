/**
 * Canopy's pipeline scaffolder action: a repository's Terraform apply
 * pipeline.
 *
 * @packageDocumentation
 */

export { scaffolderModuleCanopyPipeline as default } from './module';
export * from './actions';
