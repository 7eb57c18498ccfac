/**
 * Benchmark: the catalog's OpenStack entity provider with 10,000 resources in
 * 20 projects and 2 regions, served by a loopback OpenStack
 * (`OpenStackLoopback` of @canopy-idp/plugin-openstack-node/testUtils: the test bed's recorded answers, multiplied,
 * paged). Prints, in one run:
 *   1. the provider alone (state in SQLite, mutations counted, not applied):
 *      a first run's wall time, peak RSS and upstream calls, and a second,
 *      no-change run (what it sends, what it reads);
 *   2. Canopy's real backend on PostgreSQL with the provider, once with delta
 *      mutations (the default) and once with full ones: the time until the
 *      catalog API returns all 10,000 Resources, and how long a no-change run
 *      takes to hand its mutation to the catalog.
 *
 * Run: yarn bench:catalog   (PostgreSQL: CANOPY_TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432)
 */
import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import {
  dropDatabases,
  postgresClient,
  postgresDatabase,
} from '../packages/backend/src/__testUtils__/postgres';
import {
  OpenStackEntityProvider,
  ProviderStore,
} from '@canopy-idp/plugin-catalog-backend-module-openstack';
import { OpenStackInventory } from '@canopy-idp/plugin-openstack-node';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OpenStackLoopback } from '@canopy-idp/plugin-openstack-node/testUtils';
import { silent } from './silentLogger';

const REGIONS = ['RegionOne', 'RegionTwo'];
const PROJECTS = 20;
// 250 resources per project and region: 20 x 2 x 250 = 10,000.
const SHAPE = {
  servers: 60,
  volumes: 40,
  networks: 20,
  routers: 10,
  floatingIps: 30,
  securityGroups: 50,
  loadBalancers: 20,
};
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function openstackConfig(authUrl: string, loop: OpenStackLoopback) {
  return {
    clouds: [
      {
        name: 'bench',
        authUrl,
        regions: REGIONS,
        projects: loop.projects.map((name, i) => ({
          name,
          owners: [`group:default/team-${i}`],
          password: { username: 'bench', password: 'bench', projectName: name },
        })),
      },
    ],
  };
}

/** Peak RSS while `fn` runs, sampled every 10 ms, and the process's own peak. */
async function measured<T>(fn: () => Promise<T>) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const t0 = performance.now();
  try {
    const value = await fn();
    return { value, ms: performance.now() - t0, peak };
  } finally {
    clearInterval(timer);
  }
}

async function providerAlone(
  loop: OpenStackLoopback,
  server: { authUrl: string; calls: () => Promise<Record<string, number>> },
) {
  const authUrl = server.authUrl;
  const total = async () =>
    Object.values(await server.calls()).reduce((a, b) => a + b, 0);
  const inventory = OpenStackInventory.fromConfig(
    new ConfigReader({ openstack: openstackConfig(authUrl, loop) }),
    {
      cache: CacheManager.fromConfig(
        new ConfigReader({ backend: { cache: { store: 'memory' } } }),
      ).forPlugin('catalog'),
      logger: silent,
    },
  );
  // A database file, as a portal's state would be (PostgreSQL in
  // production keeps it in another process altogether).
  const dbDir = mkdtempSync(path.join(tmpdir(), 'canopy-bench-'));
  const db = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dbDir, 'catalog.sqlite') },
    useNullAsDefault: true,
  });
  const sent: number[] = [];
  const provider = new OpenStackEntityProvider({
    cloud: 'bench',
    inventory,
    store: await ProviderStore.create(db),
    logger: silent,
    taskRunner: { run: async () => {} },
    defaultOwner: 'group:default/openstack-admins',
  });
  await provider.connect({
    async applyMutation(m) {
      sent.push(
        m.type === 'delta'
          ? m.added.length + m.removed.length
          : m.entities.length,
      );
    },
    async refresh() {},
  });
  global.gc?.();
  const base = process.memoryUsage().rss;
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const calls0 = await total();
  const first = await measured(() => provider.run());
  const calls1 = await total();
  const byService = await server.calls();
  const second = await measured(() => provider.run());
  const calls2 = await total();
  console.log(
    '1. The provider alone (20 projects x 2 regions, state in SQLite)',
  );
  console.log(
    `   first run:    ${s(first.ms)}, ${first.value.entities} entities sent (${
      first.value.added
    }), ` +
      `${calls1 - calls0} upstream calls (${Object.entries(byService)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
  );
  console.log(
    `                 RSS ${mb(base)} before (process peak so far ${mb(
      peakBefore,
    )}: Node, the TypeScript transform, knex, SQLite); peak ${mb(
      first.peak,
    )} sampled during (+${mb(first.peak - base)}); process peak after ${mb(
      process.resourceUsage().maxRSS * 1024,
    )}`,
  );
  console.log(
    `   no-change run: ${s(second.ms)}, ${second.value.added} entities sent, ${
      second.value.removed
    } removed, ` +
      `${
        calls2 - calls1
      } upstream calls (reads are never cached), peak RSS ${mb(second.peak)}`,
  );
  await db.destroy();
  rmSync(dbDir, { recursive: true, force: true });
}

async function throughCatalog(
  loop: OpenStackLoopback,
  authUrl: string,
  mutation: 'delta' | 'full',
) {
  const prefix = `canopy_bench_${randomBytes(4).toString('hex')}_`;
  // Loaded only now, so that part 1 measures the provider without the backend.
  const backendUtils = await import(
    '../packages/backend/src/__testUtils__/backend'
  );
  // Compiled to CommonJS by the CLI's transform: the exports may sit on `default`.
  const startCanopyBackend: typeof backendUtils.startCanopyBackend =
    backendUtils.startCanopyBackend ??
    (backendUtils as any).default.startCanopyBackend;
  const backend = await startCanopyBackend({
    database: postgresDatabase(prefix),
    config: {
      catalog: {
        locations: [],
        providers: {
          openstack: {
            bench: {
              mutation,
              schedule: {
                frequency: { seconds: 45 },
                timeout: { minutes: 5 },
                initialDelay: { seconds: 1 },
              },
            },
          },
        },
      },
      openstack: openstackConfig(authUrl, loop),
    },
  });
  const started = performance.now();
  const runsDb = postgresClient(`${prefix}catalog`);
  try {
    await runsDb.connect();
    const total = async () => {
      const res = await fetch(
        `${backend.baseUrl}/api/catalog/entities/by-query?filter=kind=resource&limit=1`,
        { headers: { Authorization: `Bearer ${backend.token}` } },
      );
      return res.ok ? ((await res.json()).totalItems as number) : 0;
    };
    let all = 0;
    for (let i = 0; i < 7200 && (await total()) < loop.totalResources; i++) {
      await sleep(250);
    }
    all = performance.now() - started;
    const runs = async () =>
      (
        await runsDb
          .query('select * from canopy_openstack_runs order by id')
          .catch(() => ({ rows: [] as any[] }))
      ).rows;
    for (let i = 0; i < 2400 && (await runs()).length < 2; i++)
      await sleep(250);
    const [first, second] = await runs();
    const took = (r: any) =>
      Date.parse(r.finished_at) - Date.parse(r.started_at);
    console.log(
      `   ${mutation.padEnd(5)}: all ${
        loop.totalResources
      } Resources from the catalog API ${s(all)} after start; ` +
        `first run ${s(took(first))} (${first.added} sent); no-change run ${s(
          took(second),
        )} (${
          mutation === 'delta'
            ? `${second.added} sent`
            : `${second.entities} sent`
        })`,
    );
  } finally {
    await runsDb.end().catch(() => {});
    await backend.stop();
    await dropDatabases(prefix);
  }
}

/** The loopback OpenStack in a child process; its calls are read over HTTP. */
async function startLoopback(options: OpenStackLoopback['options']) {
  const child = spawn(
    process.execPath,
    [
      '-r',
      '@backstage/cli/config/nodeTransform.cjs',
      path.join(__dirname, 'loopback/serve.ts'),
      JSON.stringify(options),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const authUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', chunk => {
      out += chunk;
      const m = /READY (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', code => reject(new Error(`loopback exited ${code}`)));
  });
  const base = new URL(authUrl).origin;
  const calls = async () =>
    (await (await fetch(`${base}/_calls`)).json()) as Record<string, number>;
  return { authUrl, calls, stop: () => child.stdin!.end() };
}

async function main() {
  const shape = { projects: PROJECTS, regions: REGIONS, shape: SHAPE };
  const loop = new OpenStackLoopback(shape);
  const server = await startLoopback(shape);
  console.log(
    `OpenStack entity provider benchmark: ${loop.totalResources} resources, ${PROJECTS} projects, ${REGIONS.length} regions (loopback OpenStack)`,
  );
  try {
    await providerAlone(loop, server);
    if (process.argv.includes('--provider-only')) return;
    console.log('2. Through Canopy’s backend and catalog (PostgreSQL)');
    for (const mutation of ['delta', 'full'] as const) {
      await throughCatalog(loop, server.authUrl, mutation);
    }
  } finally {
    server.stop();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
