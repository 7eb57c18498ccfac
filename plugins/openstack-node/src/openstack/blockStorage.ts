/** Cinder (block storage v3): volumes and quotas. */
import type { OpenStackVolume } from '@canopy-idp/plugin-openstack-common';
import { mapList, RegionApi, serviceLists } from './api';
import { RawQuotaSet, toQuotaSet } from './quotas';

const cinderList = serviceLists('volumev3', 'block-storage');

export interface RawVolume {
  id: string;
  name?: string | null;
  status: string;
  size: number;
  volume_type?: string | null;
  bootable?: string | boolean;
  availability_zone?: string | null;
  attachments?: Array<{ server_id: string; device?: string | null }>;
  metadata?: Record<string, string>;
}

export function toVolume(raw: RawVolume, region: string): OpenStackVolume {
  return {
    id: raw.id,
    name: raw.name ?? '',
    region,
    status: raw.status,
    sizeGiB: raw.size,
    volumeType: raw.volume_type ?? undefined,
    bootable: raw.bootable === 'true' || raw.bootable === true,
    availabilityZone: raw.availability_zone ?? undefined,
    attachments: (raw.attachments ?? []).map(a => ({
      serverId: a.server_id,
      device: a.device ?? undefined,
    })),
    metadata: raw.metadata ?? {},
  };
}

/**
 * Volumes carry Canopy's tags as metadata, so `key=value` tags become one
 * metadata filter (`tag` alone: the key with an empty value).
 */
export function volumeMetadataFilter(tags: string[]): string | undefined {
  const metadata: Record<string, string> = Object.create(null);
  for (const tag of tags) {
    const i = tag.indexOf('=');
    if (i > 0) metadata[tag.slice(0, i)] = tag.slice(i + 1);
    else metadata[tag] = '';
  }
  return Object.keys(metadata).length ? JSON.stringify(metadata) : undefined;
}

export async function readVolumes(api: RegionApi, tags: string[]) {
  const volumes = await cinderList<RawVolume>(
    api,
    '/volumes/detail',
    'volumes',
    {
      metadata: volumeMetadataFilter(tags),
    },
  );
  return mapList(volumes, v => toVolume(v, api.region));
}

export async function readVolumeQuota(api: RegionApi) {
  const body = (await api.get(
    'volumev3',
    `/os-quota-sets/${encodeURIComponent(api.projectId)}?usage=true`,
    `block-storage quotas in ${api.region}`,
  )) as { quota_set?: RawQuotaSet } | undefined;
  return toQuotaSet(body?.quota_set, 'in_use');
}
