/**
 * Canopy's GitOps scaffolder actions: KRO, Argo CD, Flux, Kyverno and
 * Knative manifests, catalog-info.yaml, and the workspace validator.
 *
 * @packageDocumentation
 */

export {
  scaffolderModuleCanopyGitOps as default,
  createGitOpsActions,
} from './module';
export * from './actions';
