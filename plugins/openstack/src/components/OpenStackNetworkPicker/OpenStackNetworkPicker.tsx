import type { OpenStackNetwork } from '@canopy-idp/plugin-openstack-common';
import { plural } from '../common/format';
import { lookupPicker } from '../common/LookupPicker';

/** "shared, 2 subnets"; names the status unless active. */
export function describeNetwork(network: OpenStackNetwork) {
  const parts: string[] = [];
  if (network.status.toUpperCase() !== 'ACTIVE') {
    parts.push(network.status.toLowerCase());
  }
  if (network.shared) {
    parts.push('shared');
  }
  parts.push(plural(network.subnetIds.length, 'subnet'));
  return parts.join(', ');
}

/**
 * Picks a network servers can be attached to in the chosen cloud and region;
 * the value is its name.
 *
 * @public
 */
export const OpenStackNetworkPicker = lookupPicker('networks', {
  noun: 'networks',
  defaultTitle: 'Network',
  describe: describeNetwork,
});
