/** Octavia (load-balancer v2): load balancers with their listeners, pools and members. */
import type { OpenStackLoadBalancer } from '@canopy-idp/plugin-openstack-common';
import { ListResult, RegionApi, serviceLists, tagsParam } from './api';

const octaviaList = serviceLists('load-balancer', 'load-balancer');

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

type OpenStackPool = OpenStackLoadBalancer['pools'][number];

const toListener = (
  l: RawListener,
): OpenStackLoadBalancer['listeners'][number] => ({
  id: l.id,
  name: l.name,
  protocol: l.protocol,
  protocolPort: l.protocol_port,
});

const toMember = (m: RawMember): OpenStackPool['members'][number] => ({
  id: m.id,
  name: m.name || undefined,
  address: m.address,
  protocolPort: m.protocol_port,
  subnetId: m.subnet_id ?? undefined,
  operatingStatus: m.operating_status,
});

const toPool = (p: RawPool, members: RawMember[] = []): OpenStackPool => ({
  id: p.id,
  name: p.name,
  protocol: p.protocol,
  lbAlgorithm: p.lb_algorithm,
  listenerIds: (p.listeners ?? []).map(l => l.id),
  members: members.map(toMember),
});

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
    listeners: listeners.filter(l => belongsTo(l, raw.id)).map(toListener),
    pools: pools
      .filter(p => belongsTo(p, raw.id))
      .map(p => toPool(p, members[p.id])),
    tags: raw.tags ?? [],
  };
}

export async function readLoadBalancers(
  api: RegionApi,
  tags: string[],
): Promise<ListResult<OpenStackLoadBalancer>> {
  const project = { project_id: api.projectId };
  const lbs = await octaviaList<RawLoadBalancer>(
    api,
    '/lbaas/loadbalancers',
    'loadbalancers',
    { ...project, tags: tagsParam(tags) },
    'load balancers',
  );
  if (lbs.items.length === 0) return { items: [], truncated: lbs.truncated };
  const [listeners, pools] = await Promise.all([
    octaviaList<RawListener>(api, '/lbaas/listeners', 'listeners', project),
    octaviaList<RawPool>(api, '/lbaas/pools', 'pools', project),
  ]);
  const ours = pools.items.filter(p =>
    lbs.items.some(lb => belongsTo(p, lb.id)),
  );
  const memberLists = await Promise.all(
    ours.map(p =>
      octaviaList<RawMember>(
        api,
        `/lbaas/pools/${encodeURIComponent(p.id)}/members`,
        'members',
        project,
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
