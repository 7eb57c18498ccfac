import { testExamples } from '@canopy-idp/plugin-scaffolder-node-test-utils';
import {
  createTerraformInstancesAction,
  createTerraformKubernetesClusterAction,
  createTerraformLoadBalancerAction,
  createTerraformNetworkAction,
  createTerraformVolumeAction,
} from '.';

// Each documented example runs as a template runs it; its Terraform module
// parses, holds only arguments the OpenStack provider knows, and is formatted.
const terraform = { files: [/\/main\.tf$/, /\/versions\.tf$/] };

testExamples([
  { action: createTerraformNetworkAction(), ...terraform },
  { action: createTerraformInstancesAction(), ...terraform },
  { action: createTerraformVolumeAction(), ...terraform },
  { action: createTerraformLoadBalancerAction(), ...terraform },
  { action: createTerraformKubernetesClusterAction(), ...terraform },
]);
