import type { OpenStackKeyPair } from '@canopy-idp/plugin-openstack-common';
import {
  LookupPicker,
  type OpenStackLookupPickerProps,
} from '../common/LookupPicker';

/** "ssh, 3f:2a:…" */
export function describeKeyPair(keyPair: OpenStackKeyPair) {
  return (
    [keyPair.type, keyPair.fingerprint].filter(Boolean).join(', ') || undefined
  );
}

/**
 * Picks one of the user's key pairs in the chosen cloud and region; the value
 * is its name.
 *
 * @public
 */
export const OpenStackKeyPairPicker = (props: OpenStackLookupPickerProps) => (
  <LookupPicker
    {...props}
    lookup="key-pairs"
    noun="key pairs"
    defaultTitle="Key pair"
    describe={describeKeyPair}
  />
);
