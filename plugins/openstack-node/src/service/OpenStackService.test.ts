/**
 * The OpenStack service end to end, offline: Keystone and every service are
 * the fake OpenStack of __testUtils__ (answers recorded from the test bed),
 * the cache is Backstage's in-memory cache, the clock is the test's.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { CacheManager } from '@backstage/backend-defaults/cache';
import {
  FakeOpenStack,
  fakeCloudConfig,
  fixtureBody,
} from '../testUtils/fakeOpenStack';
import { readPluginOptions } from '../config/readPluginOptions';
import { OpenStackService } from './OpenStackService';

const TAG = 'canopy.entity=component.default.payments';

function setup(extra: Record<string, unknown> = {}) {
  let now = Date.parse('2026-11-29T12:00:00Z');
  const clock = {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
  const fake = new FakeOpenStack(clock.now);
  const options = readPluginOptions(
    new ConfigReader({
      openstack: {
        clouds: [fakeCloudConfig()],
        cache: { resourcesTtlSeconds: 0 },
        failedSourceRetrySeconds: 30,
        ...extra,
      },
    }),
  );
  const cache = CacheManager.fromConfig(
    new ConfigReader({ backend: { cache: { store: 'memory' } } }),
  ).forPlugin('openstack');
  const service = new OpenStackService(options, {
    cache,
    logger: mockServices.logger.mock(),
    now: clock.now,
    httpFor: () => fake,
  });
  const project = service.projects.find(service.projects.cloud('lab'), 'demo')!;
  const target = { cloud: 'lab', project, tags: [TAG] };
  const list = () =>
    service.listResources('component:default/payments', target);
  return { fake, service, clock, list, project };
}

const statusOf = (listing: any, service: string) =>
  listing.sources.find((s: any) => s.service === service);

describe('OpenStackService, offline against recorded answers', () => {
  it("lists an entity's resources of every kind, with quota usage and one status per source", async () => {
    const { list } = setup();
    const listing = await list();
    expect(listing.resources.servers.map((s: any) => s.name)).toEqual([
      'payments-web-1',
      'payments-web-2',
    ]);
    expect(listing.resources.volumes.map((v: any) => v.name)).toEqual([
      'payments-data',
    ]);
    expect(listing.resources.loadBalancers[0].pools[0].members).toEqual([
      expect.objectContaining({ name: 'payments-web-1', protocolPort: 443 }),
    ]);
    // What rows point at carries names: the router's gateway, the pool.
    expect(listing.resources.routers[0].externalNetworkName).toBe('public');
    expect(listing.resources.floatingIps[0]).toMatchObject({
      floatingNetworkName: 'public',
      serverId: listing.resources.servers[0].id,
    });
    expect(listing.quotas[0].compute?.instances?.limit).toBe(12);
    expect(listing.sources.map((s: any) => [s.service, s.status])).toEqual([
      ['compute', 'ok'],
      ['load-balancer', 'ok'],
      ['network', 'ok'],
      ['volumev3', 'ok'],
    ]);
    expect(listing.truncated).toEqual([]);
  });

  it('lists one resource alone for a Resource entity of the catalog provider', async () => {
    const { service, project } = setup();
    const all = await service.listResources('component:default/payments', {
      cloud: 'lab',
      project,
      tags: [TAG],
    });
    const web1 = all.resources.servers.find(s => s.name === 'payments-web-1')!;
    const one = await service.listResources(
      'resource:default/openstack-server-x',
      {
        cloud: 'lab',
        project,
        tags: [],
        resource: { kind: 'servers', id: web1.id },
      },
    );
    expect(one.resources.servers.map(s => s.name)).toEqual(['payments-web-1']);
    expect(one.resources.volumes).toEqual([]);
    // Only servers are read (and the quotas of the project).
    expect(one.sources.flatMap(s => s.kinds).sort()).toEqual([
      'quotas',
      'quotas',
      'quotas',
      'servers',
    ]);
  });

  it('follows pages, and reports a list cut at the cap as truncated only when more exist', async () => {
    const { fake, list } = setup({ pageSize: 1, maxItemsPerKind: 2 });
    let listing = await list();
    expect(listing.resources.servers).toHaveLength(2);
    expect(listing.truncated).not.toContain('servers');
    fake.grow('compute-servers', 'servers', 1);
    listing = await list();
    expect(listing.resources.servers).toHaveLength(2);
    expect(listing.truncated).toEqual(['servers']);
  });

  it('one failing source leaves the others answering', async () => {
    const { fake, list } = setup();
    fake.fail('network', 'error');
    const listing = await list();
    expect(statusOf(listing, 'network')).toMatchObject({
      status: 'error',
      message: expect.stringContaining('HTTP 500'),
    });
    expect(statusOf(listing, 'compute').status).toBe('ok');
    expect(listing.resources.servers).toHaveLength(2);
    expect(listing.resources.networks).toEqual([]);
  });

  it("reads the external networks' names once for routers and floating IPs, and keeps them as look-ups are kept", async () => {
    const { fake, list } = setup();
    const externalReads = () =>
      fake.calls.filter(c => c.includes('router%3Aexternal=true')).length;
    const first = await list();
    expect(externalReads()).toBe(1);
    expect(first.resources.routers[0].externalNetworkName).toBe('public');
    expect(first.resources.floatingIps[0].floatingNetworkName).toBe('public');
    // Listings are not cached here (resourcesTtlSeconds: 0); the names are.
    const second = await list();
    expect(second.resources.routers[0].externalNetworkName).toBe('public');
    expect(externalReads()).toBe(1);
  });

  it("reads the external networks' names once per listing when look-ups are not kept", async () => {
    const { fake, list } = setup({
      cache: { resourcesTtlSeconds: 0, lookupsTtlSeconds: 0 },
    });
    const externalReads = () =>
      fake.calls.filter(c => c.includes('router%3Aexternal=true')).length;
    await list();
    await list();
    expect(externalReads()).toBe(2);
  });

  it('a hanging service costs one timeout per breaker window, not one per request', async () => {
    const { fake, list, clock } = setup();
    fake.fail('network', 'timeout');
    await list();
    const afterFirst = fake.callsTo('network');
    expect(afterFirst).toBeGreaterThan(0);
    for (let i = 0; i < 10; i++) {
      const listing = await list();
      expect(statusOf(listing, 'network')).toMatchObject({
        status: 'timeout',
        message: expect.stringContaining('not asked again for'),
      });
      clock.advance(1_000);
    }
    expect(fake.callsTo('network')).toBe(afterFirst);
    // After the window: one trial read, not one per kind.
    clock.advance(30_000);
    await list();
    expect(fake.callsTo('network')).toBe(afterFirst + 1);
    // It answers again: the next trial succeeds and closes the breaker
    // (reads that arrived while the trial ran still got the failure).
    fake.heal('network');
    clock.advance(60_000 * 4);
    await list();
    const healed = await list();
    expect(statusOf(healed, 'network').status).toBe('ok');
  });

  it('when a service fails after a good read, the last good data is served, marked stale with its age', async () => {
    const { fake, list, clock } = setup();
    await list();
    clock.advance(90_000);
    fake.fail('compute', 'error');
    const listing = await list();
    expect(listing.resources.servers.map((s: any) => s.name)).toEqual([
      'payments-web-1',
      'payments-web-2',
    ]);
    expect(statusOf(listing, 'compute')).toMatchObject({
      status: 'error',
      stale: true,
      ageSeconds: 90,
      message: expect.stringContaining('showing the answer from 90 s ago'),
    });
  });

  it('when Keystone fails after a good read, the last good data is served, marked stale', async () => {
    const { fake, list, clock } = setup({
      cache: { resourcesTtlSeconds: 0, staleTtlSeconds: 7200 },
    });
    await list();
    // The token (an hour long) has expired and Keystone does not answer.
    clock.advance(3_660_000);
    fake.fail('identity', 'timeout');
    const listing = await list();
    expect(listing.sources[0]).toMatchObject({
      service: 'identity',
      status: 'timeout',
    });
    expect(listing.resources.servers).toHaveLength(2);
    expect(listing.resources.volumes).toHaveLength(1);
    expect(statusOf(listing, 'compute')).toMatchObject({
      stale: true,
      ageSeconds: 3660,
    });
  });

  it('a 403 from a service is reported as forbidden, and held instead of asked again on every view', async () => {
    const { fake, list, clock } = setup();
    fake.fail('load-balancer', 'forbidden');
    const first = await list();
    expect(statusOf(first, 'load-balancer')).toMatchObject({
      status: 'forbidden',
    });
    const calls = fake.callsTo('load-balancer');
    for (let i = 0; i < 5; i++) {
      clock.advance(30_000);
      expect(statusOf(await list(), 'load-balancer').status).toBe('forbidden');
    }
    expect(fake.callsTo('load-balancer')).toBe(calls);
  });

  it("a 403 in one project neither blocks another project's reads nor shows there", async () => {
    const { fake, service, project } = setup({
      clouds: [
        fakeCloudConfig({
          projects: [
            { name: 'demo', owners: ['group:default/team-a'] },
            // A second mapped project, with its own credential and key (the
            // fake's Keystone scopes every token to the recorded project).
            {
              id: fixtureBody('identity-token').token.project.id,
              owners: ['group:default/team-b'],
            },
          ],
        }),
      ],
    });
    const other = service.projects.cloud('lab').projects[1];
    const listOf = (p: typeof project) =>
      service.listResources('component:default/payments', {
        cloud: 'lab',
        project: p,
        tags: [TAG],
      });
    // Project demo's credential may not read load balancers...
    fake.fail('load-balancer', 'forbidden');
    const refused = await listOf(project);
    expect(statusOf(refused, 'load-balancer').status).toBe('forbidden');
    fake.heal('load-balancer');
    // ...which says nothing about team-b's credential: it is asked, and answers.
    const calls = fake.callsTo('load-balancer');
    const b = await listOf(other);
    expect(statusOf(b, 'load-balancer')).toMatchObject({ status: 'ok' });
    expect(fake.callsTo('load-balancer')).toBeGreaterThan(calls);
    // demo's 403 is still held for demo.
    expect(statusOf(await listOf(project), 'load-balancer').status).toBe(
      'forbidden',
    );
  });

  it("reads only the cloud's real regions, whatever an entity's regions annotation names", async () => {
    const { fake, service, project } = setup();
    const plain = await service.listResources('component:default/payments', {
      cloud: 'lab',
      project,
      tags: [TAG],
    });
    const callsForOne = fake.calls.length;
    const names = Array.from({ length: 10_000 }, (_, i) => `region-${i}`);
    const listing = await service.listResources('component:default/shop', {
      cloud: 'lab',
      project,
      regions: [...names, ...plain.regions],
      tags: ['canopy.entity=component.default.shop'],
    });
    // The same reads as one listing of the real regions (tokens are reused,
    // the external networks' names are known already).
    expect(fake.calls.length - callsForOne).toBe(callsForOne - 2);
    // The first few unknown names are reported unavailable, the rest ignored.
    const reported = [...new Set(listing.sources.map(s => s.region))];
    expect(reported.sort()).toEqual(
      [
        ...plain.regions,
        'region-0',
        'region-1',
        'region-2',
        'region-3',
        'region-4',
      ].sort(),
    );
    expect(
      listing.sources.filter(s => s.region === 'region-0').map(s => s.status),
    ).toEqual(['unavailable', 'unavailable', 'unavailable', 'unavailable']);
  });

  it('re-authenticates once on a 401 and repeats the call', async () => {
    const { fake, list } = setup();
    await list();
    const tokens = fake.issued;
    fake.fail('compute', 'unauthorized-once');
    const listing = await list();
    expect(statusOf(listing, 'compute').status).toBe('ok');
    expect(fake.issued).toBe(tokens + 1);
  });

  it('serves look-ups and quota headroom from the recorded answers', async () => {
    const { service, project } = setup();
    const flavors = await service.lookup('flavors', {
      cloud: 'lab',
      region: 'RegionOne',
      project,
    });
    expect(flavors.items.map(f => f.name)).toEqual(
      expect.arrayContaining(['m1.tiny']),
    );
    const headroom = await service.quotaHeadroom({
      cloud: 'lab',
      region: 'RegionOne',
      project,
    });
    const instances = fixtureBody('compute-quotas').quota_set.instances;
    expect(headroom.headroom.compute.instances).toBe(
      instances.limit - instances.in_use - instances.reserved,
    );
  });
});
