import type { OpenStackFlavor } from '@canopy-idp/plugin-openstack-common';
import { formatMiB, plural } from '../common/format';
import { lookupPicker } from '../common/LookupPicker';

/** "1 vCPU, 2 GiB RAM, 20 GiB disk" */
export function describeFlavor(flavor: OpenStackFlavor) {
  const parts = [
    plural(flavor.vcpus, 'vCPU'),
    `${formatMiB(flavor.ramMiB)} RAM`,
    `${flavor.diskGiB} GiB disk`,
  ];
  if (flavor.ephemeralGiB > 0) {
    parts.push(`${flavor.ephemeralGiB} GiB ephemeral`);
  }
  return parts.join(', ');
}

/**
 * Picks a flavor of the chosen cloud and region; the value is its name.
 *
 * @public
 */
export const OpenStackFlavorPicker = lookupPicker('flavors', {
  noun: 'flavors',
  defaultTitle: 'Flavor',
  describe: describeFlavor,
});
