/**
 * What the loopback OpenStack serves: how many of each kind a project holds
 * in a region (`Shape`), and the lists it answers with, each item a recorded
 * fixture of this package's fixtures/testbed copied with new ids, names,
 * addresses and links.
 */
import { fixtureBody as fixture } from './fakeOpenStack';

export const first = (name: string, key: string) => fixture(name)[key][0];

/**
 * How many of each kind one project holds in one region.
 *
 * @public
 */
export interface Shape {
  servers: number;
  volumes: number;
  networks: number;
  routers: number;
  floatingIps: number;
  securityGroups: number;
  loadBalancers: number;
}

/** Resources (as the catalog counts them: subnets one per network) per project and region. */
export const resourcesPer = (s: Shape) =>
  s.servers +
  s.volumes +
  s.networks * 2 +
  s.routers +
  s.floatingIps +
  s.securityGroups +
  s.loadBalancers;

export const hex = (n: number, width: number) =>
  n.toString(16).padStart(width, '0');
/** A UUID-shaped id, stable for (project, region, kind, index). */
export const uuid = (p: number, r: number, kind: number, i: number) =>
  `${hex(p, 8)}-${hex(r, 4)}-4${hex(kind, 3)}-8000-${hex(i, 12)}`;

export type Lists = Record<string, unknown[]>;

/** One project's lists in one region, built from the recorded items. */
export function build(
  p: number,
  r: number,
  region: string,
  s: Shape,
  publicNet: string,
): Lists {
  const T = {
    server: first('compute-servers', 'servers'),
    volume: first('volume-volumes', 'volumes'),
    network: first('network-networks', 'networks'),
    subnet: first('network-subnets', 'subnets'),
    router: first('network-routers', 'routers'),
    port: first('network-ports', 'ports'),
    fip: first('network-floatingips', 'floatingips'),
    sg: first('network-security-groups', 'security_groups'),
    lb: first('lb-loadbalancers', 'loadbalancers'),
    pool: first('lb-pools', 'pools'),
    listener: first('lb-listeners', 'listeners'),
    member: first('lb-pool-members-0', 'members'),
  };
  const id = (kind: number, i: number) => uuid(p, r, kind, i);
  const projectId = hex(p, 32);
  const tag = (i: number) => [
    `canopy.entity=component.default.svc-${p}-${i % 10}`,
  ];
  const net = (i: number) => i % s.networks;
  const ip = (i: number) =>
    `10.${p}.${r * 100 + Math.floor(i / 250)}.${(i % 250) + 2}`;
  /** `count` copies of a recorded item of the project: the i-th with id `id(kind, i)` and `fields(i)`. */
  const owned = (
    count: number,
    template: object,
    kind: number,
    fields: (i: number) => object,
  ) =>
    Array.from({ length: count }, (_, i) => ({
      ...template,
      id: id(kind, i),
      project_id: projectId,
      ...fields(i),
    }));
  const L: Lists = {};
  L.networks = owned(s.networks, T.network, 1, i => ({
    name: `net-${i}`,
    subnets: [id(2, i)],
    tenant_id: projectId,
    tags: [],
  }));
  L.subnets = owned(s.networks, T.subnet, 2, i => ({
    name: `subnet-${i}`,
    network_id: id(1, i),
    cidr: `10.${p}.${i}.0/24`,
    tags: [],
  }));
  L.servers = Array.from({ length: s.servers }, (_, i) => ({
    ...T.server,
    id: id(3, i),
    name: `server-${p}-${region}-${i}`,
    tenant_id: projectId,
    addresses: {
      [`net-${net(i)}`]: [
        { version: 4, addr: ip(i), 'OS-EXT-IPS:type': 'fixed' },
      ],
    },
    'os-extended-volumes:volumes_attached':
      i < s.volumes ? [{ id: id(4, i) }] : [],
    tags: tag(i),
  }));
  L.volumes = Array.from({ length: s.volumes }, (_, i) => ({
    ...T.volume,
    id: id(4, i),
    name: `volume-${i}`,
    attachments:
      i < s.servers
        ? [
            {
              ...T.volume.attachments?.[0],
              server_id: id(3, i),
              volume_id: id(4, i),
            },
          ]
        : [],
    metadata: { 'canopy.entity': tag(i)[0].split('=')[1] },
  }));
  /** A port of device `deviceId` on the network `net(i)`, at `address`. */
  const port = (
    portId: string,
    i: number,
    deviceId: string,
    deviceOwner: string,
    address: string,
  ) => ({
    ...T.port,
    id: portId,
    name: '',
    network_id: id(1, net(i)),
    device_id: deviceId,
    device_owner: deviceOwner,
    fixed_ips: [{ subnet_id: id(2, net(i)), ip_address: address }],
    project_id: projectId,
    tags: [],
  });
  L.ports = [
    ...L.servers.map((_, i) =>
      port(id(5, i), i, id(3, i), 'compute:nova', ip(i)),
    ),
    ...Array.from({ length: s.routers }, (_, i) =>
      port(
        id(6, i),
        i,
        id(7, i),
        'network:router_interface',
        `10.${p}.${net(i)}.1`,
      ),
    ),
  ];
  L.routers = owned(s.routers, T.router, 7, i => ({
    name: `router-${i}`,
    external_gateway_info: {
      ...T.router.external_gateway_info,
      network_id: publicNet,
    },
    tags: tag(i),
  }));
  L.floatingips = owned(s.floatingIps, T.fip, 8, i => ({
    floating_ip_address: `172.${16 + r}.${p}.${i + 2}`,
    fixed_ip_address: ip(i),
    port_id: id(5, i % s.servers),
    floating_network_id: publicNet,
    tags: tag(i),
  }));
  L.security_groups = owned(s.securityGroups, T.sg, 9, i => ({
    name: `sg-${i}`,
    tags: [],
  }));
  L.loadbalancers = owned(s.loadBalancers, T.lb, 10, i => ({
    name: `lb-${i}`,
    vip_subnet_id: id(2, net(i)),
    vip_port_id: id(11, i),
    listeners: [{ id: id(12, i) }],
    pools: [{ id: id(13, i) }],
    tags: tag(i),
  }));
  L.listeners = L.loadbalancers.map((_, i) => ({
    ...T.listener,
    id: id(12, i),
    name: `listener-${i}`,
    loadbalancers: [{ id: id(10, i) }],
    default_pool_id: id(13, i),
  }));
  L.pools = L.loadbalancers.map((_, i) => ({
    ...T.pool,
    id: id(13, i),
    name: `pool-${i}`,
    loadbalancers: [{ id: id(10, i) }],
    listeners: [{ id: id(12, i) }],
    members: [{ id: id(14, i) }],
  }));
  for (let i = 0; i < s.loadBalancers; i++) {
    L[`members:${id(13, i)}`] = [
      {
        ...T.member,
        id: id(14, i),
        name: `server-${i}`,
        address: ip(i % s.servers),
        subnet_id: id(2, net(i % s.servers)),
      },
    ];
  }
  return L;
}
