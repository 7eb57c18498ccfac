/** Octavia (load-balancer v2): load balancers with their listeners, pools and members. */
import type { OpenStackLoadBalancer } from '@canopy-idp/plugin-openstack-common';
import { ListResult, paginate, RegionApi, tagsParam } from './api';

export interface RawLoadBalancer {
  id: string;
  name: string;
  vip_address?: string | null;
  vip_subnet_id?: string | null;
  vip_port_id?: string | null;
  provisioning_status: string;
  operating_status: string;
  tags?: string[];
}

export interface RawListener {
  id: string;
  name: string;
  protocol: string;
  protocol_port: number;
  loadbalancers?: Array<{ id: string }>;
}

export interface RawPool {
  id: string;
  name: string;
  protocol: string;
  lb_algorithm: string;
  loadbalancers?: Array<{ id: string }>;
  listeners?: Array<{ id: string }>;
}

export interface RawMember {
  id: string;
  name?: string | null;
  address: string;
  protocol_port: number;
  subnet_id?: string | null;
  operating_status?: string;
}

const belongsTo = (x: { loadbalancers?: Array<{ id: string }> }, id: string) =>
  (x.loadbalancers ?? []).some(l => l.id === id);

/** A load balancer with its listeners and pools (and each pool's members). */
export function toLoadBalancer(
  raw: RawLoadBalancer,
  region: string,
  listeners: RawListener[],
  pools: RawPool[],
  members: Record<string, RawMember[]>,
): OpenStackLoadBalancer {
  return {
    id: raw.id,
    name: raw.name,
    region,
    vipAddress: raw.vip_address ?? undefined,
    vipSubnetId: raw.vip_subnet_id ?? undefined,
    vipPortId: raw.vip_port_id ?? undefined,
    provisioningStatus: raw.provisioning_status,
    operatingStatus: raw.operating_status,
    listeners: listeners
      .filter(l => belongsTo(l, raw.id))
      .map(l => ({
        id: l.id,
        name: l.name,
        protocol: l.protocol,
        protocolPort: l.protocol_port,
      })),
    pools: pools
      .filter(p => belongsTo(p, raw.id))
      .map(p => ({
        id: p.id,
        name: p.name,
        protocol: p.protocol,
        lbAlgorithm: p.lb_algorithm,
        listenerIds: (p.listeners ?? []).map(l => l.id),
        members: (members[p.id] ?? []).map(m => ({
          id: m.id,
          name: m.name || undefined,
          address: m.address,
          protocolPort: m.protocol_port,
          subnetId: m.subnet_id ?? undefined,
          operatingStatus: m.operating_status,
        })),
      })),
    tags: raw.tags ?? [],
  };
}

const list = <R>(api: RegionApi, path: string, key: string, what: string) =>
  paginate<R>(
    api,
    'load-balancer',
    path,
    { project_id: api.projectId },
    key,
    `load-balancer ${what} in ${api.region}`,
  );

export async function readLoadBalancers(
  api: RegionApi,
  tags: string[],
): Promise<ListResult<OpenStackLoadBalancer>> {
  const lbs = await paginate<RawLoadBalancer>(
    api,
    'load-balancer',
    '/lbaas/loadbalancers',
    { project_id: api.projectId, tags: tagsParam(tags) },
    'loadbalancers',
    `load-balancer load balancers in ${api.region}`,
  );
  if (lbs.items.length === 0) return { items: [], truncated: lbs.truncated };
  const [listeners, pools] = await Promise.all([
    list<RawListener>(api, '/lbaas/listeners', 'listeners', 'listeners'),
    list<RawPool>(api, '/lbaas/pools', 'pools', 'pools'),
  ]);
  const ours = pools.items.filter(p =>
    lbs.items.some(lb => belongsTo(p, lb.id)),
  );
  const memberLists = await Promise.all(
    ours.map(p =>
      list<RawMember>(
        api,
        `/lbaas/pools/${encodeURIComponent(p.id)}/members`,
        'members',
        `members of pool ${p.id}`,
      ),
    ),
  );
  const members = Object.fromEntries(
    ours.map((p, i) => [p.id, memberLists[i].items]),
  );
  return {
    truncated: lbs.truncated,
    items: lbs.items.map(lb =>
      toLoadBalancer(lb, api.region, listeners.items, pools.items, members),
    ),
  };
}
