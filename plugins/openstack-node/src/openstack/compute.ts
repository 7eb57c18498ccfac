/** Nova (compute): servers, flavors, key pairs, availability zones, quotas. */
import type {
  OpenStackAvailabilityZone,
  OpenStackFlavor,
  OpenStackKeyPair,
  OpenStackServer,
} from '@canopy-idp/plugin-openstack-common';
import { ListResult, mapList, RegionApi, serviceLists, tagsParam } from './api';
import { RawQuotaSet, toQuotaSet } from './quotas';

/** Compute microversion: 2.79 lists tags, embeds flavor details (2.47) and key pair types. */
export const COMPUTE_MICROVERSION = '2.79';
const HEADERS = {
  'OpenStack-API-Version': `compute ${COMPUTE_MICROVERSION}`,
  'X-OpenStack-Nova-API-Version': COMPUTE_MICROVERSION,
};
const novaList = serviceLists('compute', 'compute', HEADERS);

/** A server of `GET /servers/detail` at microversion 2.79 (the fields Canopy reads). */
export interface RawServer {
  id: string;
  name: string;
  status: string;
  flavor?: {
    id?: string;
    original_name?: string;
    vcpus?: number;
    ram?: number;
    disk?: number;
  };
  /** An object for image-backed servers; '' for volume-backed ones. */
  image?: { id?: string } | string;
  addresses?: Record<
    string,
    Array<{ addr: string; version: number; 'OS-EXT-IPS:type'?: string }>
  >;
  'OS-EXT-AZ:availability_zone'?: string;
  key_name?: string | null;
  tags?: string[];
  created?: string;
  'os-extended-volumes:volumes_attached'?: Array<{ id: string }>;
}

export interface RawFlavor {
  id: string;
  name: string;
  vcpus: number;
  ram: number;
  disk: number;
  'OS-FLV-EXT-DATA:ephemeral'?: number;
  'os-flavor-access:is_public'?: boolean;
}

export interface RawKeyPair {
  keypair: { name: string; type?: string; fingerprint?: string };
}

export interface RawAvailabilityZone {
  zoneName: string;
  zoneState?: { available?: boolean };
}

export function toServer(raw: RawServer, region: string): OpenStackServer {
  const image =
    raw.image && typeof raw.image === 'object' && raw.image.id
      ? { id: raw.image.id }
      : undefined;
  return {
    id: raw.id,
    name: raw.name,
    region,
    status: raw.status,
    flavor: {
      id: raw.flavor?.id,
      name: raw.flavor?.original_name,
      vcpus: raw.flavor?.vcpus,
      ramMiB: raw.flavor?.ram,
      diskGiB: raw.flavor?.disk,
    },
    image,
    addresses: Object.entries(raw.addresses ?? {}).flatMap(([network, list]) =>
      list.map(a => ({
        network,
        address: a.addr,
        type: a['OS-EXT-IPS:type'],
        version: a.version,
      })),
    ),
    availabilityZone: raw['OS-EXT-AZ:availability_zone'] || undefined,
    keyName: raw.key_name ?? undefined,
    tags: raw.tags ?? [],
    created: raw.created,
    volumeIds: (raw['os-extended-volumes:volumes_attached'] ?? []).map(
      v => v.id,
    ),
  };
}

export function toFlavor(raw: RawFlavor): OpenStackFlavor {
  return {
    id: raw.id,
    name: raw.name,
    vcpus: raw.vcpus,
    ramMiB: raw.ram,
    diskGiB: raw.disk,
    ephemeralGiB: raw['OS-FLV-EXT-DATA:ephemeral'] ?? 0,
    isPublic: raw['os-flavor-access:is_public'] ?? true,
  };
}

export function toKeyPair(raw: RawKeyPair): OpenStackKeyPair {
  return {
    name: raw.keypair.name,
    type: raw.keypair.type,
    fingerprint: raw.keypair.fingerprint,
  };
}

export function toAvailabilityZone(
  raw: RawAvailabilityZone,
): OpenStackAvailabilityZone {
  return { name: raw.zoneName, available: Boolean(raw.zoneState?.available) };
}

export async function readServers(
  api: RegionApi,
  tags: string[],
): Promise<ListResult<OpenStackServer>> {
  const servers = await novaList<RawServer>(api, '/servers/detail', 'servers', {
    tags: tagsParam(tags),
  });
  return mapList(servers, s => toServer(s, api.region));
}

/** Flavors, smallest first. */
export async function readFlavors(
  api: RegionApi,
): Promise<ListResult<OpenStackFlavor>> {
  const list = mapList(
    await novaList<RawFlavor>(api, '/flavors/detail', 'flavors'),
    toFlavor,
  );
  list.items.sort(
    (a, b) =>
      a.vcpus - b.vcpus || a.ramMiB - b.ramMiB || a.name.localeCompare(b.name),
  );
  return list;
}

/** The key pairs of the identity the session authenticates as (Nova lists a user's own). */
export async function readKeyPairs(
  api: RegionApi,
): Promise<ListResult<OpenStackKeyPair>> {
  return mapList(
    await novaList<RawKeyPair>(
      api,
      '/os-keypairs',
      'keypairs',
      {},
      'key pairs',
    ),
    toKeyPair,
  );
}

export async function readAvailabilityZones(
  api: RegionApi,
): Promise<ListResult<OpenStackAvailabilityZone>> {
  const body = (await api.get(
    'compute',
    '/os-availability-zone',
    `compute availability zones in ${api.region}`,
    HEADERS,
  )) as { availabilityZoneInfo?: RawAvailabilityZone[] } | undefined;
  return {
    items: (body?.availabilityZoneInfo ?? []).map(toAvailabilityZone),
    truncated: false,
  };
}

export async function readComputeQuota(api: RegionApi) {
  const body = (await api.get(
    'compute',
    `/os-quota-sets/${encodeURIComponent(api.projectId)}/detail`,
    `compute quotas in ${api.region}`,
    HEADERS,
  )) as { quota_set?: RawQuotaSet } | undefined;
  return toQuotaSet(body?.quota_set, 'in_use');
}
