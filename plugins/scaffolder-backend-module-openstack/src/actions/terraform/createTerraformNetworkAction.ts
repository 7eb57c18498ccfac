import { networkInput, renderNetwork } from '../../lib/terraform/network';
import { createTerraformAction } from './createTerraformAction';
import { examples } from './createTerraformNetworkAction.examples';

/**
 * `canopy:terraform:network`: an OpenStack network stack (network, subnet with
 * CIDR, DNS and allocation pools, router with external gateway and interface)
 * and security groups with rules.
 *
 * @public
 */
export function createTerraformNetworkAction() {
  return createTerraformAction({
    id: 'canopy:terraform:network',
    description:
      'Renders Terraform for an OpenStack network stack (network, subnet, router with external gateway) and security groups, tagged for the catalog entity.',
    schema: networkInput,
    render: renderNetwork,
    examples,
  });
}
