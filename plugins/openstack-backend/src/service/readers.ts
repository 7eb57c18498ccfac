import type {
  OpenStackAvailabilityZone,
  OpenStackFlavor,
  OpenStackFloatingIp,
  OpenStackImage,
  OpenStackKeyPair,
  OpenStackLoadBalancer,
  OpenStackNetwork,
  OpenStackPort,
  OpenStackQuota,
  OpenStackResourceKind,
  OpenStackRouter,
  OpenStackSecurityGroup,
  OpenStackServer,
  OpenStackServiceType,
  OpenStackSubnet,
  OpenStackVolume,
} from '@canopy-idp/plugin-openstack-common';
import { KeystoneSession, KeystoneToken } from './keystone';

/** Compute microversion: 2.79 lists tags, embeds flavor details (2.47) and key pair types. */
export const COMPUTE_MICROVERSION = '2.79';
const COMPUTE_HEADERS = {
  'OpenStack-API-Version': `compute ${COMPUTE_MICROVERSION}`,
  'X-OpenStack-Nova-API-Version': COMPUTE_MICROVERSION,
};

/** Catalog types tried, in order, for each service Canopy reads. */
export const SERVICE_TYPES: Record<OpenStackServiceType, string[]> = {
  identity: ['identity'],
  compute: ['compute'],
  network: ['network'],
  volumev3: ['volumev3', 'block-storage', 'volume'],
  'load-balancer': ['load-balancer'],
  image: ['image'],
};

/** Version prefix each API expects below its catalog endpoint. */
const VERSION_PREFIX: Partial<Record<OpenStackServiceType, string>> = {
  network: '/v2.0',
  'load-balancer': '/v2',
  image: '/v2',
};

export interface ReadContext {
  session: KeystoneSession;
  region: string;
  projectId: string;
  pageSize: number;
  maxItems: number;
}

export interface ListResult<T> {
  items: T[];
  truncated: boolean;
}

/** A service missing from the Keystone catalog: reported, not an error. */
export class ServiceUnavailableError extends Error {
  constructor(readonly service: OpenStackServiceType, readonly region: string) {
    super(`no ${service} endpoint in region ${region}`);
    this.name = 'ServiceUnavailableError';
  }
}

export function baseFor(ctx: ReadContext, service: OpenStackServiceType) {
  return (token: KeystoneToken) => {
    const url = ctx.session.endpoint(token, SERVICE_TYPES[service], ctx.region);
    if (!url) throw new ServiceUnavailableError(service, ctx.region);
    const prefix = VERSION_PREFIX[service];
    return prefix && !url.endsWith(prefix) ? `${url}${prefix}` : url;
  };
}

function query(params: Record<string, string | number | undefined>) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== '') q.set(k, String(v));
  }
  return q.toString();
}

/**
 * Follows every page of a list call (`*_links` rel=next, or Glance's `next`)
 * until the list ends or reaches `ctx.maxItems`.
 */
export async function paginate(
  ctx: ReadContext,
  service: OpenStackServiceType,
  path: string,
  params: Record<string, string | number | undefined>,
  itemsKey: string,
  what: string,
  headers?: Record<string, string>,
): Promise<ListResult<any>> {
  const items: any[] = [];
  let search = query({ ...params, limit: ctx.pageSize });
  const base = baseFor(ctx, service);
  for (;;) {
    const res = await ctx.session.get(base, `${path}?${search}`, what, headers);
    const page: any[] = res.body?.[itemsKey] ?? [];
    items.push(...page);
    const links: Array<{ rel: string; href: string }> =
      res.body?.[`${itemsKey}_links`] ?? [];
    const next =
      links.find(l => l.rel === 'next')?.href ??
      (typeof res.body?.next === 'string' ? res.body.next : undefined);
    if (items.length >= ctx.maxItems) {
      return {
        items: items.slice(0, ctx.maxItems),
        truncated: items.length > ctx.maxItems || Boolean(next),
      };
    }
    if (!next || page.length === 0) return { items, truncated: false };
    // Keep our own endpoint and path; take only the query (marker) from the link.
    search = new URL(next, 'http://next.invalid').search.replace(/^\?/, '');
  }
}

const tagsParam = (tags: string[]) =>
  tags.length ? tags.join(',') : undefined;

// ---------------------------------------------------------------- compute

export async function listServers(
  ctx: ReadContext,
  tags: string[],
): Promise<ListResult<OpenStackServer>> {
  const r = await paginate(
    ctx,
    'compute',
    '/servers/detail',
    { tags: tagsParam(tags) },
    'servers',
    `compute servers in ${ctx.region}`,
    COMPUTE_HEADERS,
  );
  return {
    truncated: r.truncated,
    items: r.items.map(s => ({
      id: s.id,
      name: s.name,
      region: ctx.region,
      status: s.status,
      flavor: {
        id: s.flavor?.id,
        name: s.flavor?.original_name,
        vcpus: s.flavor?.vcpus,
        ramMiB: s.flavor?.ram,
        diskGiB: s.flavor?.disk,
      },
      image: s.image && s.image.id ? { id: s.image.id } : undefined,
      addresses: Object.entries<any[]>(s.addresses ?? {}).flatMap(
        ([network, list]) =>
          list.map(a => ({
            network,
            address: a.addr,
            type: a['OS-EXT-IPS:type'],
            version: a.version,
          })),
      ),
      availabilityZone: s['OS-EXT-AZ:availability_zone'] || undefined,
      keyName: s.key_name ?? undefined,
      tags: s.tags ?? [],
      created: s.created,
    })),
  };
}

export async function listFlavors(
  ctx: ReadContext,
): Promise<ListResult<OpenStackFlavor>> {
  const r = await paginate(
    ctx,
    'compute',
    '/flavors/detail',
    {},
    'flavors',
    `compute flavors in ${ctx.region}`,
    COMPUTE_HEADERS,
  );
  return {
    truncated: r.truncated,
    items: r.items
      .map(f => ({
        id: f.id,
        name: f.name,
        vcpus: f.vcpus,
        ramMiB: f.ram,
        diskGiB: f.disk,
        ephemeralGiB: f['OS-FLV-EXT-DATA:ephemeral'] ?? 0,
        isPublic: f['os-flavor-access:is_public'] ?? true,
      }))
      .sort(
        (a, b) =>
          a.vcpus - b.vcpus ||
          a.ramMiB - b.ramMiB ||
          a.name.localeCompare(b.name),
      ),
  };
}

export async function listAvailabilityZones(
  ctx: ReadContext,
): Promise<ListResult<OpenStackAvailabilityZone>> {
  const res = await ctx.session.get(
    baseFor(ctx, 'compute'),
    '/os-availability-zone',
    `compute availability zones in ${ctx.region}`,
    COMPUTE_HEADERS,
  );
  const zones: any[] = res.body?.availabilityZoneInfo ?? [];
  return {
    truncated: false,
    items: zones.map(z => ({
      name: z.zoneName,
      available: Boolean(z.zoneState?.available),
    })),
  };
}

export async function listKeyPairs(
  ctx: ReadContext,
): Promise<ListResult<OpenStackKeyPair>> {
  const r = await paginate(
    ctx,
    'compute',
    '/os-keypairs',
    {},
    'keypairs',
    `compute key pairs in ${ctx.region}`,
    COMPUTE_HEADERS,
  );
  return {
    truncated: r.truncated,
    items: r.items.map(k => ({
      name: k.keypair.name,
      type: k.keypair.type,
      fingerprint: k.keypair.fingerprint,
    })),
  };
}

function quotaSet(raw: Record<string, any>, usedKey: 'in_use' | 'used') {
  const out: Record<string, OpenStackQuota> = {};
  for (const [name, q] of Object.entries(raw ?? {})) {
    if (q && typeof q === 'object' && 'limit' in q) {
      out[name] = {
        limit: Number(q.limit),
        inUse: Number(q[usedKey] ?? 0),
        reserved: Number(q.reserved ?? 0),
      };
    }
  }
  return out;
}

export async function computeQuota(ctx: ReadContext) {
  const res = await ctx.session.get(
    baseFor(ctx, 'compute'),
    `/os-quota-sets/${encodeURIComponent(ctx.projectId)}/detail`,
    `compute quotas in ${ctx.region}`,
    COMPUTE_HEADERS,
  );
  return quotaSet(res.body?.quota_set, 'in_use');
}

// ---------------------------------------------------------------- network

const networkList =
  (kind: string, itemsKey: string) =>
  (ctx: ReadContext, tags: string[], extra: Record<string, string> = {}) =>
    paginate(
      ctx,
      'network',
      `/${kind}`,
      { project_id: ctx.projectId, tags: tagsParam(tags), ...extra },
      itemsKey,
      `network ${kind} in ${ctx.region}`,
    );

function networkOf(ctx: ReadContext, n: any): OpenStackNetwork {
  return {
    id: n.id,
    name: n.name,
    region: ctx.region,
    status: n.status,
    external: Boolean(n['router:external']),
    shared: Boolean(n.shared),
    subnetIds: n.subnets ?? [],
    mtu: n.mtu,
    tags: n.tags ?? [],
  };
}

export async function listNetworks(
  ctx: ReadContext,
  tags: string[],
): Promise<ListResult<OpenStackNetwork>> {
  const r = await networkList('networks', 'networks')(ctx, tags);
  return { truncated: r.truncated, items: r.items.map(n => networkOf(ctx, n)) };
}

/** Networks a project may attach servers to: its own and shared ones, not external. */
export async function listUsableNetworks(
  ctx: ReadContext,
): Promise<ListResult<OpenStackNetwork>> {
  const [own, shared] = await Promise.all([
    paginate(
      ctx,
      'network',
      '/networks',
      { project_id: ctx.projectId },
      'networks',
      `network networks in ${ctx.region}`,
    ),
    paginate(
      ctx,
      'network',
      '/networks',
      { shared: 'true' },
      'networks',
      `network shared networks in ${ctx.region}`,
    ),
  ]);
  const seen = new Set<string>();
  const items = [...own.items, ...shared.items]
    .filter(n => !n['router:external'] && !seen.has(n.id) && seen.add(n.id))
    .map(n => networkOf(ctx, n));
  return { truncated: own.truncated || shared.truncated, items };
}

export async function listExternalNetworks(
  ctx: ReadContext,
): Promise<ListResult<OpenStackNetwork>> {
  const r = await paginate(
    ctx,
    'network',
    '/networks',
    { 'router:external': 'true' },
    'networks',
    `network external networks in ${ctx.region}`,
  );
  return { truncated: r.truncated, items: r.items.map(n => networkOf(ctx, n)) };
}

export async function listSubnets(
  ctx: ReadContext,
  tags: string[],
): Promise<ListResult<OpenStackSubnet>> {
  const r = await networkList('subnets', 'subnets')(ctx, tags);
  return {
    truncated: r.truncated,
    items: r.items.map(s => ({
      id: s.id,
      name: s.name,
      region: ctx.region,
      networkId: s.network_id,
      cidr: s.cidr,
      ipVersion: s.ip_version,
      gatewayIp: s.gateway_ip ?? undefined,
      enableDhcp: Boolean(s.enable_dhcp),
      dnsNameservers: s.dns_nameservers ?? [],
      allocationPools: s.allocation_pools ?? [],
      tags: s.tags ?? [],
    })),
  };
}

export async function listRouters(
  ctx: ReadContext,
  tags: string[],
): Promise<ListResult<OpenStackRouter>> {
  const r = await networkList('routers', 'routers')(ctx, tags);
  return {
    truncated: r.truncated,
    items: r.items.map(x => ({
      id: x.id,
      name: x.name,
      region: ctx.region,
      status: x.status,
      externalNetworkId: x.external_gateway_info?.network_id ?? undefined,
      tags: x.tags ?? [],
    })),
  };
}

export async function listPorts(
  ctx: ReadContext,
  tags: string[],
): Promise<ListResult<OpenStackPort>> {
  const r = await networkList('ports', 'ports')(ctx, tags);
  return {
    truncated: r.truncated,
    items: r.items.map(p => ({
      id: p.id,
      name: p.name,
      region: ctx.region,
      status: p.status,
      networkId: p.network_id,
      deviceId: p.device_id || undefined,
      deviceOwner: p.device_owner || undefined,
      macAddress: p.mac_address,
      fixedIps: (p.fixed_ips ?? []).map((f: any) => ({
        subnetId: f.subnet_id,
        ipAddress: f.ip_address,
      })),
      tags: p.tags ?? [],
    })),
  };
}

export async function listFloatingIps(
  ctx: ReadContext,
  tags: string[],
): Promise<ListResult<OpenStackFloatingIp>> {
  const r = await networkList('floatingips', 'floatingips')(ctx, tags);
  return {
    truncated: r.truncated,
    items: r.items.map(f => ({
      id: f.id,
      region: ctx.region,
      status: f.status,
      floatingIpAddress: f.floating_ip_address,
      fixedIpAddress: f.fixed_ip_address ?? undefined,
      floatingNetworkId: f.floating_network_id,
      portId: f.port_id ?? undefined,
      tags: f.tags ?? [],
    })),
  };
}

export async function listSecurityGroups(
  ctx: ReadContext,
  tags: string[],
): Promise<ListResult<OpenStackSecurityGroup>> {
  const r = await networkList('security-groups', 'security_groups')(ctx, tags);
  return {
    truncated: r.truncated,
    items: r.items.map(g => ({
      id: g.id,
      name: g.name,
      region: ctx.region,
      description: g.description || undefined,
      rules: (g.security_group_rules ?? []).map((x: any) => ({
        id: x.id,
        direction: x.direction,
        ethertype: x.ethertype,
        protocol: x.protocol ?? undefined,
        portRangeMin: x.port_range_min ?? undefined,
        portRangeMax: x.port_range_max ?? undefined,
        remoteIpPrefix: x.remote_ip_prefix ?? undefined,
        remoteGroupId: x.remote_group_id ?? undefined,
      })),
      tags: g.tags ?? [],
    })),
  };
}

export async function networkQuota(ctx: ReadContext) {
  const res = await ctx.session.get(
    baseFor(ctx, 'network'),
    `/quotas/${encodeURIComponent(ctx.projectId)}/details`,
    `network quotas in ${ctx.region}`,
  );
  return quotaSet(res.body?.quota, 'used');
}

// ---------------------------------------------------------------- block storage

/** Volumes carry Canopy's tags as metadata: `key=value` tags become metadata filters. */
export function volumeMetadataFilter(tags: string[]): string | undefined {
  const metadata: Record<string, string> = {};
  for (const tag of tags) {
    const i = tag.indexOf('=');
    if (i > 0) metadata[tag.slice(0, i)] = tag.slice(i + 1);
    else metadata[tag] = '';
  }
  return Object.keys(metadata).length ? JSON.stringify(metadata) : undefined;
}

export async function listVolumes(
  ctx: ReadContext,
  tags: string[],
): Promise<ListResult<OpenStackVolume>> {
  const r = await paginate(
    ctx,
    'volumev3',
    '/volumes/detail',
    { metadata: volumeMetadataFilter(tags) },
    'volumes',
    `block-storage volumes in ${ctx.region}`,
  );
  return {
    truncated: r.truncated,
    items: r.items.map(v => ({
      id: v.id,
      name: v.name ?? '',
      region: ctx.region,
      status: v.status,
      sizeGiB: v.size,
      volumeType: v.volume_type ?? undefined,
      bootable: v.bootable === 'true' || v.bootable === true,
      availabilityZone: v.availability_zone ?? undefined,
      attachments: (v.attachments ?? []).map((a: any) => ({
        serverId: a.server_id,
        device: a.device ?? undefined,
      })),
      metadata: v.metadata ?? {},
    })),
  };
}

export async function volumeQuota(ctx: ReadContext) {
  const res = await ctx.session.get(
    baseFor(ctx, 'volumev3'),
    `/os-quota-sets/${encodeURIComponent(ctx.projectId)}?usage=true`,
    `block-storage quotas in ${ctx.region}`,
  );
  return quotaSet(res.body?.quota_set, 'in_use');
}

// ---------------------------------------------------------------- load balancers

export async function listLoadBalancers(
  ctx: ReadContext,
  tags: string[],
): Promise<ListResult<OpenStackLoadBalancer>> {
  const lbs = await paginate(
    ctx,
    'load-balancer',
    '/lbaas/loadbalancers',
    { project_id: ctx.projectId, tags: tagsParam(tags) },
    'loadbalancers',
    `load-balancer load balancers in ${ctx.region}`,
  );
  if (lbs.items.length === 0) return { items: [], truncated: lbs.truncated };
  const [listeners, pools] = await Promise.all([
    paginate(
      ctx,
      'load-balancer',
      '/lbaas/listeners',
      { project_id: ctx.projectId },
      'listeners',
      `load-balancer listeners in ${ctx.region}`,
    ),
    paginate(
      ctx,
      'load-balancer',
      '/lbaas/pools',
      { project_id: ctx.projectId },
      'pools',
      `load-balancer pools in ${ctx.region}`,
    ),
  ]);
  const belongsTo = (x: any, lbId: string) =>
    (x.loadbalancers ?? []).some((l: any) => l.id === lbId);
  return {
    truncated: lbs.truncated,
    items: lbs.items.map(lb => ({
      id: lb.id,
      name: lb.name,
      region: ctx.region,
      vipAddress: lb.vip_address ?? undefined,
      vipSubnetId: lb.vip_subnet_id ?? undefined,
      provisioningStatus: lb.provisioning_status,
      operatingStatus: lb.operating_status,
      listeners: listeners.items
        .filter(l => belongsTo(l, lb.id))
        .map(l => ({
          id: l.id,
          name: l.name,
          protocol: l.protocol,
          protocolPort: l.protocol_port,
        })),
      pools: pools.items
        .filter(p => belongsTo(p, lb.id))
        .map(p => ({
          id: p.id,
          name: p.name,
          protocol: p.protocol,
          lbAlgorithm: p.lb_algorithm,
          listenerIds: (p.listeners ?? []).map((l: any) => l.id),
        })),
      tags: lb.tags ?? [],
    })),
  };
}

// ---------------------------------------------------------------- images

export async function listImages(
  ctx: ReadContext,
): Promise<ListResult<OpenStackImage>> {
  const r = await paginate(
    ctx,
    'image',
    '/images',
    { status: 'active', sort: 'name:asc' },
    'images',
    `image images in ${ctx.region}`,
  );
  return {
    truncated: r.truncated,
    items: r.items.map(i => ({
      id: i.id,
      name: i.name ?? i.id,
      status: i.status,
      visibility: i.visibility,
      diskFormat: i.disk_format ?? undefined,
      minDiskGiB: i.min_disk ?? 0,
      minRamMiB: i.min_ram ?? 0,
      sizeBytes: i.size ?? undefined,
    })),
  };
}

/** Which service serves each resource kind. */
export const KIND_SERVICE: Record<OpenStackResourceKind, OpenStackServiceType> =
  {
    servers: 'compute',
    volumes: 'volumev3',
    networks: 'network',
    subnets: 'network',
    routers: 'network',
    ports: 'network',
    floatingIps: 'network',
    securityGroups: 'network',
    loadBalancers: 'load-balancer',
  };

export const KIND_READERS: Record<
  OpenStackResourceKind,
  (ctx: ReadContext, tags: string[]) => Promise<ListResult<any>>
> = {
  servers: listServers,
  volumes: listVolumes,
  networks: listNetworks,
  subnets: listSubnets,
  routers: listRouters,
  ports: listPorts,
  floatingIps: listFloatingIps,
  securityGroups: listSecurityGroups,
  loadBalancers: listLoadBalancers,
};
