/** Neutron (network): networks, subnets, routers, ports, floating IPs, security groups, quotas. */
import type { OpenStackNetwork } from '@canopy-idp/plugin-openstack-common';
import { ListResult, mapList, paginate, RegionApi, tagsParam } from './api';
import {
  RawFloatingIp,
  RawNetwork,
  RawPort,
  RawRouter,
  RawSecurityGroup,
  RawSubnet,
  toFloatingIp,
  toNetwork,
  toPort,
  toRouter,
  toSecurityGroup,
  toSubnet,
} from './networkMappers';
import { RawQuotaSet, toQuotaSet } from './quotas';

/** One of the project's tagged Neutron lists. */
function projectList<R>(
  api: RegionApi,
  collection: string,
  itemsKey: string,
  tags: string[],
  extra: Record<string, string> = {},
) {
  return paginate<R>(
    api,
    'network',
    `/${collection}`,
    { project_id: api.projectId, tags: tagsParam(tags), ...extra },
    itemsKey,
    `network ${collection} in ${api.region}`,
  );
}

export async function readNetworks(api: RegionApi, tags: string[]) {
  return mapList(
    await projectList<RawNetwork>(api, 'networks', 'networks', tags),
    n => toNetwork(n, api.region),
  );
}

export async function readSubnets(api: RegionApi, tags: string[]) {
  return mapList(
    await projectList<RawSubnet>(api, 'subnets', 'subnets', tags),
    s => toSubnet(s, api.region),
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

// Both read the names alongside the list, so naming costs no extra wait.

export async function readRouters(api: RegionApi, tags: string[]) {
  const [raw, names] = await Promise.all([
    projectList<RawRouter>(api, 'routers', 'routers', tags),
    externalNetworkNames(api),
  ]);
  const list = mapList(raw, r => toRouter(r, api.region));
  return {
    ...list,
    items: list.items.map(r => {
      const name = r.externalNetworkId && names.get(r.externalNetworkId);
      return name ? { ...r, externalNetworkName: name } : r;
    }),
  };
}

export async function readPorts(api: RegionApi, tags: string[]) {
  return mapList(await projectList<RawPort>(api, 'ports', 'ports', tags), p =>
    toPort(p, api.region),
  );
}

export async function readFloatingIps(api: RegionApi, tags: string[]) {
  const [raw, names] = await Promise.all([
    projectList<RawFloatingIp>(api, 'floatingips', 'floatingips', tags),
    externalNetworkNames(api),
  ]);
  const list = mapList(raw, f => toFloatingIp(f, api.region));
  return {
    ...list,
    items: list.items.map(f => {
      const name = names.get(f.floatingNetworkId);
      return name ? { ...f, floatingNetworkName: name } : f;
    }),
  };
}

export async function readSecurityGroups(api: RegionApi, tags: string[]) {
  return mapList(
    await projectList<RawSecurityGroup>(
      api,
      'security-groups',
      'security_groups',
      tags,
    ),
    g => toSecurityGroup(g, api.region),
  );
}

/** Networks a project may attach servers to: its own and shared ones, not external. */
export async function readUsableNetworks(
  api: RegionApi,
): Promise<ListResult<OpenStackNetwork>> {
  const [own, shared] = await Promise.all([
    projectList<RawNetwork>(api, 'networks', 'networks', []),
    paginate<RawNetwork>(
      api,
      'network',
      '/networks',
      { shared: 'true' },
      'networks',
      `network shared networks in ${api.region}`,
    ),
  ]);
  const seen = new Set<string>();
  const items = [...own.items, ...shared.items]
    .filter(n => !n['router:external'] && !seen.has(n.id) && seen.add(n.id))
    .map(n => toNetwork(n, api.region));
  return { truncated: own.truncated || shared.truncated, items };
}

/** External networks: routers' gateways and floating IP pools. */
export async function readExternalNetworks(api: RegionApi) {
  return mapList(
    await paginate<RawNetwork>(
      api,
      'network',
      '/networks',
      { 'router:external': 'true' },
      'networks',
      `network external networks in ${api.region}`,
    ),
    n => toNetwork(n, api.region),
  );
}

export async function readNetworkQuota(api: RegionApi) {
  const body = (await api.get(
    'network',
    `/quotas/${encodeURIComponent(api.projectId)}/details`,
    `network quotas in ${api.region}`,
  )) as { quota?: RawQuotaSet } | undefined;
  return toQuotaSet(body?.quota, 'used');
}
