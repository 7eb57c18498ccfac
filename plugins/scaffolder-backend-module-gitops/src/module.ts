import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
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
 * Canopy's GitOps actions, as this package's module (its default export)
 * adds them to the scaffolder: KRO, Argo CD, Flux, Kyverno and Knative manifests,
 * catalog-info.yaml, and `canopy:validate` (which reads CRDs from clusters
 * through the kubernetes backend when given `discovery` and `auth`).
 *
 * @public
 */
export function createGitOpsActions(options: {
  config: Config;
  discovery?: DiscoveryService;
  auth?: AuthService;
}): TemplateAction<any, any, 'v2'>[] {
  return [
    createKroDefinitionsAction(),
    createKroInstanceAction(),
    createArgoCdApplicationAction(),
    createArgoCdAppOfAppsAction(),
    createFluxKustomizationAction(),
    createKyvernoPoliciesAction(),
    createKnativeServiceAction(),
    createCatalogEntityAction(),
    createValidateAction(options),
  ];
}

/**
 * Adds Canopy's GitOps actions to the scaffolder: KRO, Argo CD, Flux,
 * Kyverno and Knative manifests, catalog-info.yaml, and `canopy:validate`.
 *
 * @public
 */
export const scaffolderModuleCanopyGitOps = createCanopyActionsModule({
  moduleId: 'canopy-gitops',
  actions: ({ config, discovery, auth }) =>
    createGitOpsActions({ config, discovery, auth }),
});
