import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
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
export const scaffolderModuleCanopyGitOps = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'canopy-gitops',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, config, discovery, auth }) {
        scaffolder.addActions(
          createKroDefinitionsAction(),
          createKroInstanceAction(),
          createArgoCdApplicationAction(),
          createArgoCdAppOfAppsAction(),
          createFluxKustomizationAction(),
          createKyvernoPoliciesAction(),
          createKnativeServiceAction(),
          createCatalogEntityAction(),
          createValidateAction({ config, discovery, auth }),
        );
      },
    });
  },
});
