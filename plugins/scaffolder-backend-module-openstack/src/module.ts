import { createCanopyActionsModule } from '@canopy-idp/plugin-scaffolder-node';
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
export const scaffolderModuleCanopyOpenStack = createCanopyActionsModule({
  moduleId: 'canopy-openstack',
  actions: ({ discovery, auth }) => [
    createTerraformNetworkAction(),
    createTerraformInstancesAction(),
    createTerraformVolumeAction(),
    createTerraformLoadBalancerAction(),
    createTerraformKubernetesClusterAction(),
    createQuotaPreflightAction({ discovery, auth }),
  ],
});
