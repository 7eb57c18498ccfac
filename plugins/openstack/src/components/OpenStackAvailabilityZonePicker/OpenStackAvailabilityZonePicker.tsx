import { lookupPicker } from '../common/LookupPicker';

/**
 * Picks an availability zone of the chosen cloud and region; the value is its
 * name. Unavailable zones are listed but cannot be chosen.
 *
 * @public
 */
export const OpenStackAvailabilityZonePicker = lookupPicker(
  'availability-zones',
  {
    noun: 'availability zones',
    defaultTitle: 'Availability zone',
    describe: zone => (zone.available ? undefined : 'unavailable'),
    isSelectable: zone => zone.available,
  },
);
