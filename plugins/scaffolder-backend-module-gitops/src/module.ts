import { createCanopyActionsModule } from '@canopy-idp/plugin-scaffolder-node';
import {
  createKroDefinitionsAction,
  createKroInstanceAction,
  createArgoCdApplicationAction,
  createArgoCdAppOfAppsAction,
  createFluxKustomizationAction,
  createKyvernoPoliciesAction,
  createKnativeServiceAction,
  createCatalogEntityAction,
  createValidateAction,
} from './actions';

/**
 * Adds Canopy's GitOps actions to the scaffolder: KRO, Argo CD, Flux,
 * Kyverno and Knative manifests, catalog-info.yaml, and `canopy:validate`.
 *
 * @public
 */
export const scaffolderModuleCanopyGitOps = createCanopyActionsModule({
  moduleId: 'canopy-gitops',
  actions: ({ config, discovery, auth }) => [
    createKroDefinitionsAction(),
    createKroInstanceAction(),
    createArgoCdApplicationAction(),
    createArgoCdAppOfAppsAction(),
    createFluxKustomizationAction(),
    createKyvernoPoliciesAction(),
    createKnativeServiceAction(),
    createCatalogEntityAction(),
    createValidateAction({ config, discovery, auth }),
  ],
});
