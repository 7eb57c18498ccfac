/** Neutron (network): networks, subnets, routers, ports, floating IPs, security groups, quotas. */
import type {
  OpenStackFloatingIp,
  OpenStackNetwork,
  OpenStackRouter,
} from '@canopy-idp/plugin-openstack-common';
import { ListResult, mapList, RegionApi, serviceLists, tagsParam } from './api';
import * as mappers from './networkMappers';
import { RawQuotaSet, toQuotaSet } from './quotas';

const neutronList = serviceLists('network', 'network');

/**
 * One of the project's tagged Neutron lists. Its items' key is the
 * collection's name with underscores (`security-groups`: `security_groups`).
 */
function projectList<R>(api: RegionApi, collection: string, tags: string[]) {
  return neutronList<R>(
    api,
    `/${collection}`,
    collection.replace(/-/g, '_'),
    { project_id: api.projectId, tags: tagsParam(tags) },
    collection,
  );
}

/**
 * Names of the region's external networks by id, to name routers' gateways
 * and floating IP pools (the project seldom tags them): reference data, read
 * once for the routers and the floating IPs of a listing and kept as long as
 * look-ups are. Names are a courtesy: when they cannot be read, the ids stand.
 */
async function externalNetworkNames(
  api: RegionApi,
): Promise<Map<string, string>> {
  const read = async () =>
    (await readExternalNetworks(api)).items.map(n => [n.id, n.name]);
  try {
    const pairs = api.reference
      ? await api.reference('external-network-names', read)
      : await read();
    return new Map(pairs as Array<[string, string]>);
  } catch {
    return new Map();
  }
}

/** Adds the name of the external network an item points at, when known. */
type NetworkNamer<T> = (item: T, networkNames: Map<string, string>) => T;

const nameGateway: NetworkNamer<OpenStackRouter> = (r, names) => {
  const name = r.externalNetworkId && names.get(r.externalNetworkId);
  return name ? { ...r, externalNetworkName: name } : r;
};

const namePool: NetworkNamer<OpenStackFloatingIp> = (f, names) => {
  const name = names.get(f.floatingNetworkId);
  return name ? { ...f, floatingNetworkName: name } : f;
};

/**
 * The reader of one of the project's tagged lists. With `nameNetwork`, the
 * external networks' names are read alongside the list (so naming costs no
 * extra wait) and each item is named by it.
 */
function taggedReader<R, T>(
  collection: string,
  map: (raw: R, region: string) => T,
  nameNetwork?: NetworkNamer<T>,
) {
  return async (api: RegionApi, tags: string[]): Promise<ListResult<T>> => {
    const [raw, names] = await Promise.all([
      projectList<R>(api, collection, tags),
      nameNetwork && externalNetworkNames(api),
    ]);
    return mapList(raw, r => {
      const item = map(r, api.region);
      return nameNetwork && names ? nameNetwork(item, names) : item;
    });
  };
}

export const readNetworks = taggedReader('networks', mappers.toNetwork);
export const readSubnets = taggedReader('subnets', mappers.toSubnet);
export const readRouters = taggedReader(
  'routers',
  mappers.toRouter,
  nameGateway,
);
export const readPorts = taggedReader('ports', mappers.toPort);
export const readFloatingIps = taggedReader(
  'floatingips',
  mappers.toFloatingIp,
  namePool,
);
export const readSecurityGroups = taggedReader(
  'security-groups',
  mappers.toSecurityGroup,
);

/** Networks a project may attach servers to: its own and shared ones, not external. */
export async function readUsableNetworks(
  api: RegionApi,
): Promise<ListResult<OpenStackNetwork>> {
  const [own, shared] = await Promise.all([
    projectList<mappers.RawNetwork>(api, 'networks', []),
    neutronList<mappers.RawNetwork>(
      api,
      '/networks',
      'networks',
      { shared: 'true' },
      'shared networks',
    ),
  ]);
  const seen = new Set<string>();
  const items = [...own.items, ...shared.items]
    .filter(n => !n['router:external'] && !seen.has(n.id) && seen.add(n.id))
    .map(n => mappers.toNetwork(n, api.region));
  return { truncated: own.truncated || shared.truncated, items };
}

/** External networks: routers' gateways and floating IP pools. */
export async function readExternalNetworks(api: RegionApi) {
  const networks = await neutronList<mappers.RawNetwork>(
    api,
    '/networks',
    'networks',
    { 'router:external': 'true' },
    'external networks',
  );
  return mapList(networks, n => mappers.toNetwork(n, api.region));
}

export async function readNetworkQuota(api: RegionApi) {
  const body = (await api.get(
    'network',
    `/quotas/${encodeURIComponent(api.projectId)}/details`,
    `network quotas in ${api.region}`,
  )) as { quota?: RawQuotaSet } | undefined;
  return toQuotaSet(body?.quota, 'used');
}
