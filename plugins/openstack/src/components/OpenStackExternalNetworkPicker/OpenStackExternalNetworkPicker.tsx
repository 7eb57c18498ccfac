import { describeNetwork } from '../OpenStackNetworkPicker/OpenStackNetworkPicker';
import { lookupPicker } from '../common/LookupPicker';

/**
 * Picks an external network (the pool floating IPs come from and routers'
 * gateway) of the chosen cloud and region; the value is its name.
 *
 * @public
 */
export const OpenStackExternalNetworkPicker = lookupPicker(
  'external-networks',
  {
    noun: 'external networks',
    defaultTitle: 'External network',
    describe: describeNetwork,
  },
);
