/**
 * What the test-bed suites share (testbed.e2e.test.ts, tokenExpiry.e2e.test.ts):
 * where scripts/openstack-testbed.sh left the test bed and its seed, the
 * demo project's mapping, services built from configuration as the plugin
 * builds them, and Keystone tokens of the demo user.
 */
import { keystonePasswordToken } from '@canopy-idp/plugin-openstack-node/testUtils';
import { CacheManager } from '@backstage/backend-defaults/cache';
import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  readPluginOptions,
  OpenStackService,
} from '@canopy-idp/plugin-openstack-node';
import type {
  OpenStackLookupName,
  OpenStackResourceKind,
} from '@canopy-idp/plugin-openstack-common';

export const state =
  process.env.OSL_STATE ??
  path.resolve(__dirname, '../../../../.testbed/openstack');
export const skip = process.env.CANOPY_SKIP_OPENSTACK_TESTBED === '1';
export const cloudsYaml = path.join(state, 'clouds.yaml');
const seedFile = path.join(state, 'seed.json');
export const KEYSTONE = 'http://127.0.0.1:5000/v3';
/** The upstream reads of one full listing of `payments` (once each). */
export const FULL_LISTING_CALLS = [
  'block-storage quotas in RegionOne',
  'block-storage volumes in RegionOne',
  'compute quotas in RegionOne',
  'compute servers in RegionOne',
  'load-balancer listeners in RegionOne',
  'load-balancer load balancers in RegionOne',
  'load-balancer members of pool',
  'load-balancer pools in RegionOne',
  'network external networks in RegionOne',
  'network floatingips in RegionOne',
  'network networks in RegionOne',
  'network ports in RegionOne',
  'network quotas in RegionOne',
  'network routers in RegionOne',
  'network security-groups in RegionOne',
  'network subnets in RegionOne',
];
export const tag = (name: string) => `canopy.entity=component.default.${name}`;

if (skip) {
  // The explicit opt-out; anything else that is missing fails below.
  console.warn(
    'OpenStack test bed tests NOT RUN: CANOPY_SKIP_OPENSTACK_TESTBED=1',
  );
}
export const describeTestbed = skip ? describe.skip : describe;

export interface Seed {
  project: string;
  entities: Record<string, Record<string, string[]>>;
}

export function readSeed(): {
  seed: Seed;
  demoPassword: string;
  tokenLifetimeS: number;
} {
  for (const file of [cloudsYaml, seedFile]) {
    if (!existsSync(file)) {
      throw new Error(
        `OpenStack test bed not found: ${file} is missing. Run scripts/openstack-testbed.sh as root (scripts/test.sh does), or set CANOPY_SKIP_OPENSTACK_TESTBED=1 to skip these tests explicitly.`,
      );
    }
  }
  const clouds = parse(readFileSync(cloudsYaml, 'utf8'));
  const keystoneConf = readFileSync(
    path.join(state, 'etc/keystone/keystone.conf'),
    'utf8',
  );
  return {
    seed: JSON.parse(readFileSync(seedFile, 'utf8')),
    demoPassword: clouds.clouds['osl-demo'].auth.password,
    tokenLifetimeS: Number(
      /^expiration = (\d+)/m.exec(keystoneConf)?.[1] ?? 3600,
    ),
  };
}

/** A logger that keeps every line, to check that none carries a secret. */
export function capturingLogger(lines: string[]): LoggerService {
  const log = (level: string) => (message: string, meta?: unknown) => {
    lines.push(`${level} ${message} ${meta ? JSON.stringify(meta) : ''}`);
  };
  const logger: LoggerService = {
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: () => logger,
  };
  return logger;
}

export function memoryCache() {
  return CacheManager.fromConfig(
    new ConfigReader({ backend: { cache: { store: 'memory' } } }),
  ).forPlugin('openstack');
}

export const names = (items: Array<{ name?: string }>) =>
  items.map(i => i.name ?? '').sort();

/** A target as these tests write it: the project by name (default: the cloud's only one). */
export type LooseTarget = {
  cloud: string;
  project?: string;
  region?: string;
  regions?: string[];
  tags?: string[];
};

/**
 * The service called directly, past the tenancy guard (which the HTTP tests
 * and tenancy.testbed.test.ts cover): targets name their mapped project.
 */
export function direct(service: OpenStackService) {
  const mapped = <T extends LooseTarget>(t: T) => {
    const project = service.projects.find(
      service.projects.cloud(t.cloud),
      t.project,
    );
    if (!project) throw new Error(`test: project ${t.project} is not mapped`);
    return { ...t, tags: t.tags ?? [], project };
  };
  return {
    service,
    sessionStats: () => service.sessionStats(),
    listResources: (
      entityRef: string,
      target: LooseTarget,
      ...rest: [kinds?: OpenStackResourceKind[], quotas?: boolean]
    ) => service.listResources(entityRef, mapped(target), ...rest),
    lookup: <L extends OpenStackLookupName>(
      name: L,
      target: LooseTarget & { region: string },
    ) => service.lookup(name, mapped(target)),
    quotaHeadroom: (target: LooseTarget & { region: string }) =>
      service.quotaHeadroom(mapped(target)),
  };
}

/**
 * The demo project, mapped to team A and to the mock user the HTTP tests
 * sign in as (its credential: the cloud's).
 */
export const DEMO = [
  { name: 'demo', owners: ['group:default/team-a', 'user:default/mock'] },
];

/** Cloud `lab` with the demo user's password credential from clouds.yaml. */
/**
 * The hashmap rating rules testbed/openstack/cloudkitty.sh seeds into the test
 * bed's CloudKitty, per unit and hour (its collect period): what its quotes
 * are computed from by hand.
 */
export const CLOUDKITTY_RULES = {
  flavors: { 'm1.tiny': 0.012, 'm1.small': 0.045 } as Record<string, number>,
  volumeGiB: 0.00015,
  floatingIp: 0.004,
};

export const passwordCloud = (extra: JsonObject = {}): JsonObject => ({
  name: 'lab',
  cloudsYaml: { file: cloudsYaml, cloud: 'osl-demo' },
  projects: DEMO,
  ...extra,
});

/**
 * Builds services as the plugin does from `openstack` configuration (one
 * cloud, mapped to DEMO), logging into `logLines`, called past the tenancy
 * guard ({@link direct}).
 */
export function serviceFactory(logLines: string[]) {
  return (
    cloud: JsonObject,
    options: JsonObject = {},
    hooks: {
      now?: () => number;
      calls?: string[];
      cache?: CacheService;
    } = {},
  ) =>
    direct(
      new OpenStackService(
        readPluginOptions(
          new ConfigReader({
            openstack: {
              clouds: [{ projects: DEMO, ...cloud }],
              ...options,
            },
          }),
        ),
        {
          cache: hooks.cache ?? memoryCache(),
          logger: capturingLogger(logLines),
          now: hooks.now,
          onUpstreamCall: hooks.calls ? w => hooks.calls!.push(w) : undefined,
        },
      ),
    );
}

/** A token of the demo user in the demo project, straight from Keystone. */
export const demoToken = (demoPassword: string) =>
  keystonePasswordToken({
    authUrl: KEYSTONE,
    username: 'demo',
    password: demoPassword,
    project: 'demo',
  });
