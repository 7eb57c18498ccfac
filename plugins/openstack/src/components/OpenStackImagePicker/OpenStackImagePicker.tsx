import type { OpenStackImage } from '@canopy-idp/plugin-openstack-common';
import { formatMiB } from '../common/format';
import { lookupPicker } from '../common/LookupPicker';

/** "min disk 10 GiB, min RAM 1 GiB"; names the status unless active. */
export function describeImage(image: OpenStackImage) {
  const parts: string[] = [];
  if (image.status !== 'active') {
    parts.push(image.status);
  }
  if (image.minDiskGiB > 0) {
    parts.push(`min disk ${image.minDiskGiB} GiB`);
  }
  if (image.minRamMiB > 0) {
    parts.push(`min RAM ${formatMiB(image.minRamMiB)}`);
  }
  return parts.join(', ') || undefined;
}

/**
 * Picks an image of the chosen cloud and region; the value is its name. Images
 * that are not active cannot be chosen.
 *
 * @public
 */
export const OpenStackImagePicker = lookupPicker('images', {
  noun: 'images',
  defaultTitle: 'Image',
  describe: describeImage,
  isSelectable: image => image.status === 'active',
});
