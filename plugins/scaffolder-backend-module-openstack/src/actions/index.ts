export { createTerraformNetworkAction } from './terraform/createTerraformNetworkAction';
export { createTerraformInstancesAction } from './terraform/createTerraformInstancesAction';
export { createTerraformVolumeAction } from './terraform/createTerraformVolumeAction';
export { createTerraformLoadBalancerAction } from './terraform/createTerraformLoadBalancerAction';
export { createTerraformKubernetesClusterAction } from './terraform/createTerraformKubernetesClusterAction';
export { createQuotaPreflightAction } from './openstack/createQuotaPreflightAction';
