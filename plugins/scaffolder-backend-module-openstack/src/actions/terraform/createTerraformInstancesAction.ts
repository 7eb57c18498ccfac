import { instancesInput, renderInstances } from '../../lib/terraform/compute';
import { createTerraformAction } from './createTerraformAction';
import { examples } from './createTerraformInstancesAction.examples';

/**
 * `canopy:terraform:instances`: OpenStack instances (count, flavor, image, key
 * pair, cloud-init, availability zone, anti-affinity server group, boot volume,
 * extra volumes, floating IPs).
 *
 * @public
 */
export function createTerraformInstancesAction() {
  return createTerraformAction({
    id: 'canopy:terraform:instances',
    description:
      'Renders Terraform for OpenStack instances with optional boot volume, extra volumes, floating IPs and anti-affinity, tagged for the catalog entity.',
    schema: instancesInput,
    render: renderInstances,
    examples,
  });
}
