import type { OpenStackKeyPair } from '@canopy-idp/plugin-openstack-common';
import { lookupPicker } from '../common/LookupPicker';

/** "ssh, 3f:2a:…" */
export function describeKeyPair(keyPair: OpenStackKeyPair) {
  return (
    [keyPair.type, keyPair.fingerprint].filter(Boolean).join(', ') || undefined
  );
}

/**
 * Nova keeps key pairs per OpenStack user, and the backend reads as the
 * identity configured for the cloud: the list is that identity's, not the
 * person's filling in the form.
 */
export const KEY_PAIR_NOTE =
  'These are the key pairs of the OpenStack identity Canopy uses for this project, not your own: ask your platform team to add your public key under that identity if it is missing.';

/**
 * Picks a key pair of the OpenStack identity Canopy uses for the chosen
 * cloud and project (not the developer's own), in the chosen region; says so
 * under the field. The value is its name.
 *
 * @public
 */
export const OpenStackKeyPairPicker = lookupPicker('key-pairs', {
  noun: 'key pairs',
  defaultTitle: "Key pair (of Canopy's OpenStack identity)",
  describe: describeKeyPair,
  note: KEY_PAIR_NOTE,
});
