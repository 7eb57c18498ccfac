/** Glance (image v2): active images, for the image picker. */
import type { OpenStackImage } from '@canopy-idp/plugin-openstack-common';
import { mapList, RegionApi, serviceLists } from './api';

const glanceList = serviceLists('image', 'image');

export interface RawImage {
  id: string;
  name?: string | null;
  status: string;
  visibility: string;
  disk_format?: string | null;
  min_disk?: number | null;
  min_ram?: number | null;
  size?: number | null;
}

export function toImage(raw: RawImage): OpenStackImage {
  return {
    id: raw.id,
    name: raw.name ?? raw.id,
    status: raw.status,
    visibility: raw.visibility,
    diskFormat: raw.disk_format ?? undefined,
    minDiskGiB: raw.min_disk ?? 0,
    minRamMiB: raw.min_ram ?? 0,
    sizeBytes: raw.size ?? undefined,
  };
}

export async function readImages(api: RegionApi) {
  const images = await glanceList<RawImage>(api, '/images', 'images', {
    status: 'active',
    sort: 'name:asc',
  });
  return mapList(images, toImage);
}
