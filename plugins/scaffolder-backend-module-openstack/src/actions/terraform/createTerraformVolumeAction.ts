import { renderVolume, volumeInput } from '../../lib/terraform/compute';
import { createTerraformAction } from './createTerraformAction';
import { examples } from './createTerraformVolumeAction.examples';

/**
 * `canopy:terraform:volume`: a Cinder block volume carrying the entity tag as metadata.
 *
 * @public
 */
export function createTerraformVolumeAction() {
  return createTerraformAction({
    id: 'canopy:terraform:volume',
    description:
      'Renders Terraform for an OpenStack block volume, tagged (as metadata) for the catalog entity.',
    schema: volumeInput,
    render: renderVolume,
    examples,
  });
}
