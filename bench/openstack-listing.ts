/**
 * Benchmark: list one entity's OpenStack resources against Canopy's test bed
 * (scripts/openstack-testbed.sh) and print, in one run:
 *   - the raw API floor: the same REST calls the plugin makes, made directly and
 *     in parallel with an already issued token (taking turns with the plugin's
 *     cold listing with a cached token, so both see the same test bed);
 *   - the plugin's cold latency (empty cache; with and without a cached token)
 *     and warm latency (answer from the cache);
 *   - `openstack server list` for the same project and tag;
 * each as a ratio to the floor, the upstream calls made for 200 concurrent
 * identical requests, and where the time of one cold listing (cached token)
 * goes: waiting on OpenStack (the union of the calls in flight) against
 * Canopy's own work, and the chain of calls that set its length.
 *
 * Run: yarn bench:openstack   (OSL_STATE overrides the test bed folder)
 */
import { keystonePasswordToken } from '@canopy-idp/plugin-openstack-node/testUtils';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  OpenStackConnections,
  OpenStackService,
  readPluginOptions,
  type Http,
} from '@canopy-idp/plugin-openstack-node';
import { silent } from './silentLogger';
import { passwordTokenOptions } from '../plugins/openstack-node/src/testUtils/keystoneToken';

const state =
  process.env.OSL_STATE ?? path.resolve(__dirname, '../.testbed/openstack');
const cloudsYaml = path.join(state, 'clouds.yaml');
const ENTITY = 'component:default/payments';
const TAG = 'canopy.entity=component.default.payments';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function repeat(n: number, fn: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await time(fn));
  return median(times);
}

/** A service with an empty cache; `resourcesTtlSeconds: 0` caches no listing. */
function options(resourcesTtlSeconds?: number) {
  return readPluginOptions(
    new ConfigReader({
      openstack: {
        clouds: [
          {
            name: 'lab',
            cloudsYaml: { file: cloudsYaml, cloud: 'osl-demo' },
            projects: [{ name: 'demo', owners: ['group:default/team-a'] }],
          },
        ],
        cache: { resourcesTtlSeconds },
      },
    }),
  );
}

function service(
  calls?: string[],
  resourcesTtlSeconds?: number,
  connections?: OpenStackConnections,
) {
  const cache = CacheManager.fromConfig(
    new ConfigReader({ backend: { cache: { store: 'memory' } } }),
  ).forPlugin('openstack');
  return new OpenStackService(options(resourcesTtlSeconds), {
    cache,
    logger: silent,
    onUpstreamCall: calls ? w => calls.push(w) : undefined,
    connections,
  });
}

interface Span {
  what: string;
  start: number;
  end: number;
}

/** Connections whose HTTP notes when each call starts and ends. */
function timedConnections(spans: Span[]) {
  const base = new OpenStackConnections(options());
  return new OpenStackConnections(options(), {
    httpFor: (cloud): Http => {
      const http = base.httpFor(cloud);
      return {
        async request(method, url, init) {
          const start = performance.now();
          try {
            return await http.request(method, url, init);
          } finally {
            spans.push({ what: init.what, start, end: performance.now() });
          }
        },
      };
    },
  });
}

/**
 * One listing's time: how long some call to OpenStack was in flight (the
 * union of the spans), the rest (Canopy's own work: scopes, tenancy of the
 * target, mapping and merging), and the chain of calls, each starting after
 * the one before it ended, that ends with the last answer.
 */
function breakdown(spans: Span[], t0: number, total: number) {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let waiting = 0;
  let reach = -Infinity;
  for (const s of sorted) {
    const from = Math.max(s.start, reach);
    if (s.end > from) waiting += s.end - from;
    reach = Math.max(reach, s.end);
  }
  const chain: Span[] = [];
  let next = sorted.reduce((a, b) => (b.end > a.end ? b : a), sorted[0]);
  while (next) {
    chain.unshift(next);
    const before = sorted
      .filter(s => s.end <= next!.start)
      .reduce<Span | undefined>(
        (a, b) => (!a || b.end > a.end ? b : a),
        undefined,
      );
    next = before as Span;
  }
  return {
    waiting,
    own: total - waiting,
    chain: chain.map(
      s =>
        `${s.what} (${(s.start - t0).toFixed(0)}–${(s.end - t0).toFixed(
          0,
        )} ms)`,
    ),
  };
}

async function rawFloor(auth: any) {
  // Same Keystone request the plugin makes, outside the timed part.
  const { token, catalog, projectId } = await keystonePasswordToken(
    passwordTokenOptions(auth),
  );
  const url = (type: string) =>
    catalog
      .find(s => s.type === type)!
      .endpoints.find(e => e.interface === 'public')!
      .url.replace(/\/+$/, '');
  const pid = projectId;
  const tag = encodeURIComponent(TAG);
  const meta = encodeURIComponent(
    JSON.stringify({ 'canopy.entity': 'component.default.payments' }),
  );
  const nova = url('compute');
  const neutron = `${url('network')}/v2.0`;
  const cinder = url('volumev3');
  const octavia = `${url('load-balancer')}/v2`;
  const calls = [
    [
      `${nova}/servers/detail?tags=${tag}&limit=500`,
      { 'OpenStack-API-Version': 'compute 2.79' },
    ],
    [
      `${nova}/os-quota-sets/${pid}/detail`,
      { 'OpenStack-API-Version': 'compute 2.79' },
    ],
    [`${cinder}/volumes/detail?metadata=${meta}&limit=500`, {}],
    [`${cinder}/os-quota-sets/${pid}?usage=true`, {}],
    ...[
      'networks',
      'subnets',
      'routers',
      'ports',
      'floatingips',
      'security-groups',
    ].map(k => [`${neutron}/${k}?project_id=${pid}&tags=${tag}&limit=500`, {}]),
    // (The plugin also reads the external networks' names and each pool's
    // members; the floor leaves them out, as it did before.)
    [`${neutron}/quotas/${pid}/details`, {}],
    [
      `${octavia}/lbaas/loadbalancers?project_id=${pid}&tags=${tag}&limit=500`,
      {},
    ],
    [`${octavia}/lbaas/listeners?project_id=${pid}&limit=500`, {}],
    [`${octavia}/lbaas/pools?project_id=${pid}&limit=500`, {}],
  ] as Array<[string, Record<string, string>]>;
  return () =>
    Promise.all(
      calls.map(async ([u, h]) => {
        const r = await fetch(u, {
          headers: { 'X-Auth-Token': token, Accept: 'application/json', ...h },
        });
        if (!r.ok) throw new Error(`${u}: HTTP ${r.status}`);
        return r.json();
      }),
    );
}

async function main() {
  const clouds = parse(readFileSync(cloudsYaml, 'utf8'));
  const auth = clouds.clouds['osl-demo'].auth;
  // What the tenancy guard resolves payments to: team A's project demo.
  const target = {
    cloud: 'lab',
    project: options().clouds[0].projects[0],
    tags: [TAG],
  };

  const floorCall = await rawFloor(auth);
  await floorCall(); // warm up connections and keystonemiddleware's token cache
  // Every listing read afresh, with the session's token kept.
  const uncached = service(undefined, 0);
  await uncached.listResources(ENTITY, target);
  // The floor and the plugin's cold listing take turns, so that the test
  // bed's own ups and downs (its APIs answer in 0.4 to 0.7 s) fall on both.
  const floorTimes: number[] = [];
  const coldTimes: number[] = [];
  for (let i = 0; i < 10; i++) {
    floorTimes.push(await time(floorCall));
    coldTimes.push(await time(() => uncached.listResources(ENTITY, target)));
  }
  const floor = median(floorTimes);
  const cold = median(coldTimes);

  const coldWithAuth = await repeat(5, () =>
    service().listResources(ENTITY, target),
  );
  // Where one cold listing's time goes (cached token, as above).
  const spans: Span[] = [];
  const timed = service(undefined, 0, timedConnections(spans));
  await timed.listResources(ENTITY, target);
  spans.length = 0;
  const t0 = performance.now();
  await timed.listResources(ENTITY, target);
  const tracedTotal = performance.now() - t0;
  const traced = breakdown(spans, t0, tracedTotal);
  const tokenWarm = service();
  await tokenWarm.listResources(ENTITY, target);
  const warm = await repeat(50, () => tokenWarm.listResources(ENTITY, target));

  const cliTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    execFileSync(
      'openstack',
      [
        '--os-compute-api-version',
        '2.79',
        'server',
        'list',
        '--tags',
        TAG,
        '-f',
        'json',
      ],
      {
        env: {
          ...process.env,
          OS_CLIENT_CONFIG_FILE: cloudsYaml,
          OS_CLOUD: 'osl-demo',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    cliTimes.push(performance.now() - t0);
  }
  const cli = median(cliTimes);

  const calls: string[] = [];
  const shared = service(calls);
  const t200 = await time(() =>
    Promise.all(
      Array.from({ length: 200 }, () => shared.listResources(ENTITY, target)),
    ),
  );

  const row = (name: string, ms: number) =>
    `${name.padEnd(52)} ${ms.toFixed(1).padStart(9)} ms  ${(ms / floor)
      .toFixed(2)
      .padStart(7)}x floor`;
  console.log(
    `OpenStack listing benchmark: ${ENTITY} (9 kinds + quotas, 1 region)`,
  );
  console.log(
    row('raw API floor (same REST calls, parallel, token held)', floor),
  );
  console.log(row('plugin cold, new token (median of 5)', coldWithAuth));
  console.log(row('plugin cold, cached token (median of 10)', cold));
  console.log(row('plugin warm, from cache (median of 50)', warm));
  console.log(row('`openstack server list --tags` (median of 3)', cli));
  console.log(
    `one cold listing (cached token), ${tracedTotal.toFixed(
      1,
    )} ms: waiting on OpenStack ${traced.waiting.toFixed(
      1,
    )} ms, Canopy's own work ${traced.own.toFixed(1)} ms; longest chain: ${
      traced.chain.length
    } call(s) one after another:`,
  );
  for (const link of traced.chain) console.log(`  ${link}`);
  console.log(
    `200 concurrent identical requests: ${calls.length} upstream calls (${
      calls.filter(c => c === 'identity').length
    } Keystone), ${t200.toFixed(0)} ms in all`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
