/**
 * A loopback OpenStack for benchmarks. It stands in for Canopy's OpenStack
 * test bed (Keystone, Nova, Cinder, Neutron, Octavia) when more resources are
 * needed than a test bed can hold: it answers the REST calls Canopy's readers
 * make, with the shapes the test bed answered them (each item is a recorded
 * fixture of this package's fixtures/testbed, copied with new
 * ids, names, addresses and links: loopbackResources.ts), for any number of
 * projects and regions.
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
import {
  build,
  first,
  hex,
  type Lists,
  resourcesPer,
  type Shape,
  uuid,
} from './loopbackResources';
import { fixtureBody } from './fakeOpenStack';

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
    const recorded = fixtureBody('identity-token').token;
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
