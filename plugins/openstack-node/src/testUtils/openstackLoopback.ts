/**
 * A loopback OpenStack for benchmarks. It stands in for Canopy's OpenStack
 * test bed (Keystone, Nova, Cinder, Neutron, Octavia) when more resources are
 * needed than a test bed can hold: it answers the REST calls Canopy's readers
 * make, with the shapes the test bed answered them (each item is a recorded
 * fixture of this package's fixtures/testbed, copied with new
 * ids, names, addresses and links), for any number of projects and regions.
 *
 * - POST /v3/auth/tokens: a token scoped to the project asked for (by name or
 *   id), with a service catalog pointing every service of every region here.
 * - Lists page as the services do: `limit` and `marker`, and a `<items>_links`
 *   rel=next link whenever a page is full.
 * - Every request is counted (`calls`, and GET /_calls), by service.
 *
 * The repository's bench/loopback/serve.ts runs it in a process of its own,
 * so that a benchmark's memory figures are its client's alone.
 *
 * It knows no tags (every list is the project's whole list) and no writes.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixtureBody as fixture } from './fakeOpenStack';

const first = (name: string, key: string) => fixture(name)[key][0];

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

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
/** A UUID-shaped id, stable for (project, region, kind, index). */
const uuid = (p: number, r: number, kind: number, i: number) =>
  `${hex(p, 8)}-${hex(r, 4)}-4${hex(kind, 3)}-8000-${hex(i, 12)}`;

type Lists = Record<string, unknown[]>;

/** One project's lists in one region, built from the recorded items. */
function build(
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
  const L: Lists = {};
  L.networks = Array.from({ length: s.networks }, (_, i) => ({
    ...T.network,
    id: id(1, i),
    name: `net-${i}`,
    subnets: [id(2, i)],
    project_id: projectId,
    tenant_id: projectId,
    tags: [],
  }));
  L.subnets = Array.from({ length: s.networks }, (_, i) => ({
    ...T.subnet,
    id: id(2, i),
    name: `subnet-${i}`,
    network_id: id(1, i),
    cidr: `10.${p}.${i}.0/24`,
    project_id: projectId,
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
  L.ports = [
    ...L.servers.map((_, i) => ({
      ...T.port,
      id: id(5, i),
      name: '',
      network_id: id(1, net(i)),
      device_id: id(3, i),
      device_owner: 'compute:nova',
      fixed_ips: [{ subnet_id: id(2, net(i)), ip_address: ip(i) }],
      project_id: projectId,
      tags: [],
    })),
    ...Array.from({ length: s.routers }, (_, i) => ({
      ...T.port,
      id: id(6, i),
      name: '',
      network_id: id(1, net(i)),
      device_id: id(7, i),
      device_owner: 'network:router_interface',
      fixed_ips: [
        { subnet_id: id(2, net(i)), ip_address: `10.${p}.${net(i)}.1` },
      ],
      project_id: projectId,
      tags: [],
    })),
  ];
  L.routers = Array.from({ length: s.routers }, (_, i) => ({
    ...T.router,
    id: id(7, i),
    name: `router-${i}`,
    external_gateway_info: {
      ...T.router.external_gateway_info,
      network_id: publicNet,
    },
    project_id: projectId,
    tags: tag(i),
  }));
  L.floatingips = Array.from({ length: s.floatingIps }, (_, i) => ({
    ...T.fip,
    id: id(8, i),
    floating_ip_address: `172.${16 + r}.${p}.${i + 2}`,
    fixed_ip_address: ip(i),
    port_id: id(5, i % s.servers),
    floating_network_id: publicNet,
    project_id: projectId,
    tags: tag(i),
  }));
  L.security_groups = Array.from({ length: s.securityGroups }, (_, i) => ({
    ...T.sg,
    id: id(9, i),
    name: `sg-${i}`,
    project_id: projectId,
    tags: [],
  }));
  L.loadbalancers = Array.from({ length: s.loadBalancers }, (_, i) => ({
    ...T.lb,
    id: id(10, i),
    name: `lb-${i}`,
    vip_subnet_id: id(2, net(i)),
    vip_port_id: id(11, i),
    listeners: [{ id: id(12, i) }],
    pools: [{ id: id(13, i) }],
    project_id: projectId,
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

/**
 * A loopback OpenStack (see the file's opening comment): `start()` listens on
 * 127.0.0.1 and returns the Keystone URL; `calls` counts the requests by
 * service.
 *
 * @public
 */
export class OpenStackLoopback {
  private server?: Server;
  private base = '';
  private readonly tokens = new Map<string, number>();
  private readonly lists = new Map<string, Lists>();
  readonly calls: Record<string, number> = {};
  readonly projects: string[];
  readonly publicNet = uuid(0xffff, 0, 0, 0);

  constructor(
    readonly options: { projects: number; regions: string[]; shape: Shape },
  ) {
    this.projects = Array.from(
      { length: options.projects },
      (_, i) => `project-${String(i).padStart(2, '0')}`,
    );
  }

  get authUrl() {
    return `${this.base}/identity/v3`;
  }

  /** The resources the catalog should hold: every listed resource of every project. */
  get totalResources() {
    return (
      this.options.projects *
      this.options.regions.length *
      resourcesPer(this.options.shape)
    );
  }

  totalCalls() {
    return Object.values(this.calls).reduce((a, b) => a + b, 0);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req)
        .then(({ status, body, headers }) => {
          res.writeHead(status, {
            'Content-Type': 'application/json',
            ...headers,
          });
          res.end(JSON.stringify(body));
        })
        .catch(error => {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error: String(error) }));
        });
    });
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    this.base = `http://127.0.0.1:${
      (this.server!.address() as AddressInfo).port
    }`;
    return this.authUrl;
  }

  async stop() {
    await new Promise(resolve => this.server?.close(resolve));
  }

  private count(what: string) {
    this.calls[what] = (this.calls[what] ?? 0) + 1;
  }

  private async handle(req: IncomingMessage): Promise<{
    status: number;
    body: unknown;
    headers?: Record<string, string>;
  }> {
    const url = new URL(req.url ?? '/', this.base);
    const parts = url.pathname.split('/').filter(Boolean);
    if (req.method === 'POST' && url.pathname === '/identity/v3/auth/tokens') {
      this.count('identity');
      let raw = '';
      for await (const chunk of req) raw += chunk;
      return this.token(JSON.parse(raw));
    }
    if (url.pathname === '/_calls') {
      return { status: 200, body: this.calls, headers: {} };
    }
    const [service, region] = parts;
    this.count(service);
    const project = this.tokens.get(String(req.headers['x-auth-token']));
    if (project === undefined) {
      return {
        status: 401,
        body: {
          error: {
            code: 401,
            message: 'The request you have made requires authentication.',
          },
        },
      };
    }
    const r = this.options.regions.indexOf(region);
    const key = `${project}:${r}`;
    let lists = this.lists.get(key);
    if (!lists) {
      lists = build(project, r, region, this.options.shape, this.publicNet);
      this.lists.set(key, lists);
    }
    const rest = parts.slice(2).join('/');
    const route: Record<string, [string, string]> = {
      'v2.1/servers/detail': ['servers', 'servers'],
      [`v3/${hex(project, 32)}/volumes/detail`]: ['volumes', 'volumes'],
      'v2.0/networks': ['networks', 'networks'],
      'v2.0/subnets': ['subnets', 'subnets'],
      'v2.0/routers': ['routers', 'routers'],
      'v2.0/ports': ['ports', 'ports'],
      'v2.0/floatingips': ['floatingips', 'floatingips'],
      'v2.0/security-groups': ['security_groups', 'security_groups'],
      'v2/lbaas/loadbalancers': ['loadbalancers', 'loadbalancers'],
      'v2/lbaas/listeners': ['listeners', 'listeners'],
      'v2/lbaas/pools': ['pools', 'pools'],
    };
    const members = /^v2\/lbaas\/pools\/([^/]+)\/members$/.exec(rest);
    if (
      rest === 'v2.0/networks' &&
      url.searchParams.get('router:external') === 'true'
    ) {
      return this.page(url, 'networks', [
        {
          ...first('network-networks-external', 'networks'),
          id: this.publicNet,
        },
      ]);
    }
    if (members) {
      return this.page(url, 'members', lists[`members:${members[1]}`] ?? []);
    }
    const found = route[rest];
    if (!found) {
      return {
        status: 404,
        body: { error: `no route ${req.method} ${url.pathname}` },
      };
    }
    return this.page(url, found[1], lists[found[0]]);
  }

  /** One page after `marker`, `limit` long, with a next link when full. */
  private page(url: URL, key: string, items: unknown[]) {
    const limit = Number(url.searchParams.get('limit') ?? 1000);
    const marker = url.searchParams.get('marker');
    const start = marker
      ? items.findIndex(i => (i as { id: string }).id === marker) + 1
      : 0;
    const slice = items.slice(start, start + limit);
    const body: Record<string, unknown> = { [key]: slice };
    if (slice.length === limit && start + limit < items.length + 1) {
      const next = new URL(url);
      next.searchParams.set(
        'marker',
        (slice[slice.length - 1] as { id: string }).id,
      );
      body[`${key}_links`] = [{ rel: 'next', href: next.toString() }];
    } else {
      body[`${key}_links`] = [];
    }
    return { status: 200, body, headers: {} };
  }

  private token(request: any) {
    const scope = request?.auth?.scope?.project ?? {};
    const index = this.projects.findIndex(
      (name, i) => scope.name === name || scope.id === hex(i, 32),
    );
    if (index < 0) {
      return {
        status: 401,
        body: { error: { code: 401, message: 'unknown project' } },
      };
    }
    const token = randomUUID();
    this.tokens.set(token, index);
    const recorded = fixture('identity-token').token;
    // One service per type, with an endpoint per region and interface, as
    // Keystone's catalog lists them.
    const service = (type: string, url: (region: string) => string) => ({
      type,
      name: type,
      endpoints: this.options.regions.flatMap(region =>
        ['public', 'internal', 'admin'].map(iface => ({
          id: randomUUID(),
          interface: iface,
          region_id: region,
          region,
          url: url(region),
        })),
      ),
    });
    const catalog = [
      service('compute', r => `${this.base}/compute/${r}/v2.1`),
      service(
        'volumev3',
        r => `${this.base}/volumev3/${r}/v3/${hex(index, 32)}`,
      ),
      service('network', r => `${this.base}/network/${r}`),
      service('load-balancer', r => `${this.base}/load-balancer/${r}`),
      service('identity', () => this.authUrl),
    ];
    const now = Date.now();
    return {
      status: 201,
      headers: { 'X-Subject-Token': token },
      body: {
        token: {
          ...recorded,
          issued_at: new Date(now).toISOString(),
          expires_at: new Date(now + 3600_000).toISOString(),
          project: {
            domain: { id: 'default', name: 'Default' },
            id: hex(index, 32),
            name: this.projects[index],
          },
          catalog,
        },
      },
    };
  }
}
