import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createTerraformInstancesAction,
  createTerraformKubernetesClusterAction,
  createTerraformLoadBalancerAction,
  createTerraformNetworkAction,
  createTerraformVolumeAction,
  createValidateAction,
  createKroDefinitionsAction,
  createKroInstanceAction,
  createArgoCdApplicationAction,
  createArgoCdAppOfAppsAction,
  createFluxKustomizationAction,
  createKyvernoPoliciesAction,
  createPullRequestAction,
  createKnativeServiceAction,
  createCatalogEntityAction,
  createQuotaPreflightAction,
  createTerraformPipelineAction,
  createTrackRequestAction,
} from './actions';
import { ScmIntegrations } from '@backstage/integration';

/**
 * Registers Canopy's `canopy:*` actions with the scaffolder.
 *
 * @public
 */
export const scaffolderModuleCanopy = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'canopy',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, config, discovery, auth }) {
        const integrations = ScmIntegrations.fromConfig(config);
        scaffolder.addActions(
          createTerraformNetworkAction(),
          createTerraformInstancesAction(),
          createTerraformVolumeAction(),
          createTerraformLoadBalancerAction(),
          createTerraformKubernetesClusterAction(),
          createKroDefinitionsAction(),
          createKroInstanceAction(),
          createArgoCdApplicationAction(),
          createArgoCdAppOfAppsAction(),
          createFluxKustomizationAction(),
          createKyvernoPoliciesAction(),
          createKnativeServiceAction(),
          createCatalogEntityAction(),
          createQuotaPreflightAction({ discovery, auth }),
          createValidateAction({ config, discovery, auth }),
          createPullRequestAction({ integrations, config, discovery, auth }),
          createTerraformPipelineAction({ integrations, discovery, auth }),
          createTrackRequestAction({ discovery, auth }),
        );
      },
    });
  },
});
