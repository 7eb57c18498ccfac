import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createTerraformNetworkAction,
  createTerraformInstancesAction,
  createTerraformVolumeAction,
  createTerraformLoadBalancerAction,
  createTerraformKubernetesClusterAction,
  createQuotaPreflightAction,
} from './actions';

/**
 * Adds Canopy's OpenStack actions to the scaffolder: Terraform for
 * OpenStack (`canopy:terraform:*`) and `canopy:openstack:quota-preflight`.
 *
 * @public
 */
export const scaffolderModuleCanopyOpenStack = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'canopy-openstack',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, discovery, auth }) {
        scaffolder.addActions(
          createTerraformNetworkAction(),
          createTerraformInstancesAction(),
          createTerraformVolumeAction(),
          createTerraformLoadBalancerAction(),
          createTerraformKubernetesClusterAction(),
          createQuotaPreflightAction({ discovery, auth }),
        );
      },
    });
  },
});
