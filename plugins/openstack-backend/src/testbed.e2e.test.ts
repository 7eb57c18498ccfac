/**
 * Integration tests against Canopy's real OpenStack test bed (Keystone, Nova,
 * Neutron, Cinder, Octavia, Glance on 127.0.0.1), brought up and seeded by
 * scripts/openstack-testbed.sh. Without it these tests fail naming what is
 * missing; CANOPY_SKIP_OPENSTACK_TESTBED=1 is the only way to not run them.
 */
import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { openstackPlugin } from './plugin';
import {
  DEMO,
  demoToken,
  describeTestbed,
  FULL_LISTING_CALLS,
  KEYSTONE,
  names,
  passwordCloud,
  readSeed,
  type Seed,
  serviceFactory,
  state,
  tag,
} from './__testUtils__/testbed';

/** The price list the run-rate tests compute by hand from (a month is 730 hours). */
const PRICING = {
  currency: 'EUR',
  prices: {
    flavors: [{ name: 'm1.tiny', hour: 0.01 }],
    volumeGiBMonth: 0.1,
    floatingIpHour: 0.005,
    loadBalancerHour: 0.03,
  },
};

describeTestbed('OpenStack backend plugin against the real test bed', () => {
  let seed: Seed;
  let demoPassword: string;
  let appCred: { id: string; secret: string; userId: string; token: string };
  const logLines: string[] = [];

  const makeService = serviceFactory(logLines);

  beforeAll(async () => {
    ({ seed, demoPassword } = readSeed());
    // An application credential of the demo user, made for this run.
    const { token, userId } = await demoToken(demoPassword).catch(error => {
      throw new Error(
        `OpenStack test bed not answering at ${KEYSTONE} (${error.message}). Run scripts/openstack-testbed.sh as root, or set CANOPY_SKIP_OPENSTACK_TESTBED=1 to skip these tests explicitly.`,
      );
    });
    const created = await fetch(
      `${KEYSTONE}/users/${userId}/application_credentials`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Auth-Token': token },
        body: JSON.stringify({
          application_credential: {
            name: `canopy-it-${randomBytes(4).toString('hex')}`,
          },
        }),
      },
    );
    const body = (await created.json()).application_credential;
    appCred = { id: body.id, secret: body.secret, userId, token };
  }, 180_000);

  afterAll(async () => {
    if (appCred) {
      await fetch(
        `${KEYSTONE}/users/${appCred.userId}/application_credentials/${appCred.id}`,
        {
          method: 'DELETE',
          headers: { 'X-Auth-Token': appCred.token },
        },
      );
    }
  });

  it('lists exactly the tagged resources of an entity with password auth', async () => {
    const service = makeService(passwordCloud());
    const result = await service.listResources('component:default/payments', {
      cloud: 'lab',
      tags: [tag('payments')],
    });
    const expected = seed.entities.payments;
    expect(result.sources.map(s => [s.service, s.status])).toEqual([
      ['compute', 'ok'],
      ['load-balancer', 'ok'],
      ['network', 'ok'],
      ['volumev3', 'ok'],
    ]);
    expect(names(result.resources.servers)).toEqual(expected.servers);
    expect(names(result.resources.networks)).toEqual(expected.networks);
    expect(names(result.resources.subnets)).toEqual(expected.subnets);
    expect(names(result.resources.routers)).toEqual(expected.routers);
    expect(names(result.resources.securityGroups)).toEqual(
      expected.securityGroups,
    );
    expect(names(result.resources.ports)).toEqual(expected.ports);
    expect(names(result.resources.volumes)).toEqual(expected.volumes);
    expect(names(result.resources.loadBalancers)).toEqual(
      expected.loadBalancers,
    );
    expect(result.resources.floatingIps.map(f => f.floatingIpAddress)).toEqual(
      expected.floatingIps,
    );

    const [web1] = result.resources.servers;
    expect(web1.flavor).toMatchObject({
      name: 'm1.tiny',
      vcpus: 1,
      ramMiB: 512,
    });
    expect(web1.status).toBe('ACTIVE');
    expect(web1.availabilityZone).toBe('nova');
    expect(web1.addresses.map(a => a.type).sort()).toEqual([
      'fixed',
      'floating',
    ]);
    expect(result.resources.volumes[0].attachments[0].serverId).toBe(web1.id);
    const [lb] = result.resources.loadBalancers;
    expect(lb.listeners.map(l => l.protocolPort)).toEqual([443]);
    expect(lb.pools.map(p => p.name)).toEqual(['payments-pool']);
    expect(result.resources.securityGroups[0].rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          direction: 'ingress',
          protocol: 'tcp',
          portRangeMin: 443,
        }),
      ]),
    );

    const [quota] = result.quotas;
    expect(quota.compute?.instances).toEqual(
      expect.objectContaining({ limit: 12, inUse: 9 }),
    );
    expect(quota.network?.floatingip?.inUse).toBeGreaterThanOrEqual(1);
    expect(quota.volume?.volumes?.inUse).toBeGreaterThanOrEqual(1);
    expect(result.truncated).toEqual([]);
  }, 180_000);

  it("prices the entity's run-rate from the cloud's price list, as a hand computation does", async () => {
    const service = makeService(passwordCloud({ pricing: PRICING }));
    const { resources, runRate } = await service.listResources(
      'component:default/payments',
      { cloud: 'lab', tags: [tag('payments')] },
    );
    // Every server is an m1.tiny (seed.py); a month is 730 hours.
    expect(resources.servers.map(s => s.flavor.name)).toEqual(
      resources.servers.map(() => 'm1.tiny'),
    );
    const gib = resources.volumes.reduce((n, v) => n + v.sizeGiB, 0);
    const byHand =
      resources.servers.length * 0.01 * 730 +
      gib * 0.1 +
      resources.floatingIps.length * 0.005 * 730 +
      resources.loadBalancers.length * 0.03 * 730;
    expect(runRate).toEqual({
      currency: 'EUR',
      hourly: expect.any(Number),
      monthly: Math.round(byHand * 1e6) / 1e6,
      unpriced: [],
      source: expect.objectContaining({ kind: 'priceList' }),
    });
    expect(resources.servers.length).toBeGreaterThan(0);
    expect(resources.loadBalancers.length).toBeGreaterThan(0);
  }, 180_000);

  it('prices the whole project for its System, every server, volume, address and balancer of it', async () => {
    const wrapped = makeService(passwordCloud({ pricing: PRICING }));
    const { service } = wrapped;
    const project = service.projects.find(
      service.projects.cloud('lab'),
      'demo',
    )!;
    const answer = await service.costs.projectRunRate({
      cloud: 'lab',
      project,
    });
    expect(answer.sources.every(s => s.status === 'ok')).toBe(true);
    // Every entity's resources and the untagged server: the project's nine
    // m1.tiny servers (its quota's instances in use), priced by hand.
    const { resources } = await wrapped.listResources('system:default/demo', {
      cloud: 'lab',
      tags: [],
    });
    expect(resources.servers.length).toBe(9);
    expect(names(resources.servers)).toEqual(
      expect.arrayContaining(['untagged-1', ...seed.entities.payments.servers]),
    );
    const gib = resources.volumes.reduce((n, v) => n + v.sizeGiB, 0);
    const byHand =
      9 * 0.01 * 730 +
      gib * 0.1 +
      resources.floatingIps.length * 0.005 * 730 +
      resources.loadBalancers.length * 0.03 * 730;
    expect(answer).toEqual({
      cloud: 'lab',
      project: 'demo',
      runRate: {
        currency: 'EUR',
        hourly: expect.any(Number),
        monthly: Math.round(byHand * 1e6) / 1e6,
        unpriced: [],
        source: expect.objectContaining({ kind: 'priceList' }),
      },
      sources: expect.any(Array),
    });
  }, 180_000);

  it('authenticates with an application credential and lists another entity', async () => {
    const service = makeService({
      name: 'lab',
      authUrl: KEYSTONE,
      applicationCredential: { id: appCred.id, secret: appCred.secret },
      // A second project mapped with the same credential, by mistake.
      projects: [...DEMO, { name: 'admin', owners: ['group:default/ops'] }],
    });
    const result = await service.listResources(
      'component:default/shop',
      { cloud: 'lab', project: 'demo', tags: [tag('shop')] },
      ['servers', 'networks', 'subnets', 'volumes'],
    );
    expect(result.sources.every(s => s.status === 'ok')).toBe(true);
    expect(names(result.resources.servers)).toEqual(seed.entities.shop.servers);
    expect(names(result.resources.networks)).toEqual(
      seed.entities.shop.networks,
    );
    expect(names(result.resources.subnets)).toEqual(seed.entities.shop.subnets);
    expect(result.resources.volumes).toEqual([]);

    const wrongProject = await service.listResources(
      'component:default/shop',
      { cloud: 'lab', project: 'admin', tags: [tag('shop')] },
      ['servers'],
    );
    expect(wrongProject.sources).toEqual([
      expect.objectContaining({
        service: 'identity',
        status: 'error',
        message: expect.stringContaining(
          "the credential of project 'admin' (openstack.clouds[lab].projects[1] (admin)) is scoped to project 'demo' instead",
        ),
      }),
    ]);
  }, 180_000);

  it('follows every page, and says when the configured cap truncated a list', async () => {
    const calls: string[] = [];
    const paged = makeService(passwordCloud(), { pageSize: 2 }, { calls });
    const all = await paged.listResources(
      'component:default/batch',
      { cloud: 'lab', tags: [tag('batch')] },
      ['servers'],
      false,
    );
    expect(names(all.resources.servers)).toEqual(seed.entities.batch.servers);
    expect(all.truncated).toEqual([]);
    // 5 servers, 2 a page: 3 pages.
    expect(calls.filter(c => c.startsWith('compute servers')).length).toBe(3);

    const capped = makeService(passwordCloud(), {
      pageSize: 2,
      maxItemsPerKind: 3,
    });
    const some = await capped.listResources(
      'component:default/batch',
      { cloud: 'lab', tags: [tag('batch')] },
      ['servers'],
      false,
    );
    expect(some.resources.servers).toHaveLength(3);
    expect(some.truncated).toEqual(['servers']);
  }, 180_000);

  it('serves look-ups and quota headroom for template forms', async () => {
    const service = makeService(passwordCloud());
    const target = { cloud: 'lab', region: 'RegionOne' };
    const flavors = await service.lookup('flavors', target);
    expect(flavors.items.map(f => f.name)).toEqual(['m1.tiny', 'm1.small']);
    const images = await service.lookup('images', target);
    expect(images.items.map(i => i.name)).toContain('tiny-raw');
    const external = await service.lookup('external-networks', target);
    expect(external.items.map(n => n.name)).toEqual(['public']);
    const networks = await service.lookup('networks', target);
    expect(networks.items.map(n => n.name)).toEqual(
      expect.arrayContaining(['demo-net', 'payments-net', 'shop-net']),
    );
    expect(networks.items.map(n => n.name)).not.toContain('public');
    const zones = await service.lookup('availability-zones', target);
    expect(zones.items).toEqual(
      expect.arrayContaining([{ name: 'nova', available: true }]),
    );
    const keyPairs = await service.lookup('key-pairs', target);
    expect(keyPairs.sources[0].status).toBe('ok');

    const { headroom } = await service.quotaHeadroom(target);
    expect(headroom.compute.instances).toBe(3);
    expect(headroom.compute.cores).toBe(20 - 9);
    expect(headroom.network.subnetpool).toBeNull();
  }, 180_000);

  it('reports a region missing from the catalog as unavailable, not as an error', async () => {
    const service = makeService(passwordCloud());
    const result = await service.listResources(
      'component:default/payments',
      {
        cloud: 'lab',
        regions: ['RegionOne', 'RegionTwo'],
        tags: [tag('payments')],
      },
      ['servers', 'loadBalancers'],
      false,
    );
    const two = result.sources.filter(s => s.region === 'RegionTwo');
    expect(two.map(s => [s.service, s.status])).toEqual([
      ['compute', 'unavailable'],
      ['load-balancer', 'unavailable'],
    ]);
    expect(names(result.resources.servers)).toEqual(
      seed.entities.payments.servers,
    );
  }, 180_000);

  it('shares one upstream call among concurrent identical requests', async () => {
    const calls: string[] = [];
    const service = makeService(passwordCloud(), {}, { calls });
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        service.listResources(
          'component:default/payments',
          { cloud: 'lab', tags: [tag('payments')] },
          ['servers'],
          false,
        ),
      ),
    );
    expect(new Set(results.map(r => JSON.stringify(r.resources))).size).toBe(1);
    expect(calls).toEqual(['identity', 'compute servers in RegionOne']);
    const again = await service.listResources(
      'component:default/payments',
      { cloud: 'lab', tags: [tag('payments')] },
      ['servers'],
      false,
    );
    expect(again.sources[0].cached).toBe(true);
    expect(calls).toHaveLength(2);
  }, 180_000);

  it('lets a second backend replica answer from the shared Redis cache', async () => {
    // Two services = two replicas of the backend, sharing the loopback Redis
    // as production does (backend.cache.store: redis).
    const redisConfig = new ConfigReader({
      backend: {
        cache: {
          store: 'redis',
          connection:
            process.env.CANOPY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
        },
      },
    });
    const namespace = `canopy-it-${randomBytes(4).toString('hex')}`;
    const replica = (calls: string[]) =>
      makeService(
        passwordCloud(),
        {},
        {
          calls,
          cache: CacheManager.fromConfig(redisConfig).forPlugin(namespace),
        },
      );
    const firstCalls: string[] = [];
    const secondCalls: string[] = [];
    const target = { cloud: 'lab', tags: [tag('payments')] };
    const first = await replica(firstCalls).listResources(
      'component:default/payments',
      target,
    );
    const second = await replica(secondCalls).listResources(
      'component:default/payments',
      target,
    );
    expect(
      [
        ...new Set(
          firstCalls
            .filter(c => c !== 'identity')
            .map(c => c.replace(/ [0-9a-f-]{36} in RegionOne$/, '')),
        ),
      ].sort(),
    ).toEqual(FULL_LISTING_CALLS);
    // Each once: the external networks' names serve routers and FIPs alike.
    expect(firstCalls.filter(c => c !== 'identity')).toHaveLength(
      FULL_LISTING_CALLS.length,
    );
    // The second replica authenticates (tokens stay in process memory) but
    // reads every listing from Redis.
    expect(secondCalls).toEqual(['identity']);
    expect(second.resources).toEqual(first.resources);
    expect(second.sources.every(s => s.cached)).toBe(true);
  }, 180_000);

  describe('over HTTP', () => {
    const entity = (name: string, annotations: Record<string, string>) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace: 'default', annotations },
      spec: {
        type: 'service',
        owner: 'group:default/team-a',
        lifecycle: 'production',
      },
    });
    const entities = [
      entity('payments', {
        'openstack.canopy-idp.io/cloud': 'lab',
        'openstack.canopy-idp.io/project': 'demo',
      }),
      entity('no-cloud', {}),
    ];

    async function backend(
      options: { deny?: boolean; extraConfig?: JsonObject } = {},
    ) {
      return startTestBackend({
        features: [
          openstackPlugin,
          catalogServiceMock.factory({ entities }),
          mockServices.rootConfig.factory({
            data: {
              openstack: {
                clouds: [
                  passwordCloud(),
                  {
                    name: 'broken',
                    authUrl: KEYSTONE,
                    password: {
                      username: 'demo',
                      password: `Wrong-${appCred.secret}`,
                      projectName: 'demo',
                    },
                    projects: DEMO,
                  },
                ],
                ...options.extraConfig,
              },
            },
          }),
          ...(options.deny
            ? [
                mockServices.permissions.factory({
                  result: AuthorizeResult.DENY,
                }),
              ]
            : []),
        ],
      });
    }

    it('answers 200 with the failed source named when a service does not answer', async () => {
      // Long enough that the running services answer on a busy machine; the
      // stopped one never does.
      const { server } = await backend({
        extraConfig: { requestTimeoutMs: 20_000, retries: 0 },
      });
      const pid = Number(
        readFileSync(path.join(state, 'run/cinder-api.pid'), 'utf8'),
      );
      process.kill(-pid, 'SIGSTOP');
      let res;
      try {
        res = await request(server).get(
          '/api/openstack/entities/component/default/payments/resources',
        );
      } finally {
        process.kill(-pid, 'SIGCONT');
      }
      expect(res.status).toBe(200);
      const volume = res.body.sources.find(
        (s: any) => s.service === 'volumev3',
      );
      expect(volume).toMatchObject({ status: 'timeout', region: 'RegionOne' });
      expect(volume.message).toContain('no answer within 20000 ms');
      expect(
        res.body.sources.find((s: any) => s.service === 'compute').status,
      ).toBe('ok');
      expect(names(res.body.resources.servers)).toEqual(
        seed.entities.payments.servers,
      );
      expect(res.body.resources.volumes).toEqual([]);
    }, 180_000);

    it('checks permissions, annotations and clouds', async () => {
      const denied = await backend({ deny: true });
      const forbidden = await request(denied.server).get(
        '/api/openstack/entities/component/default/payments/resources',
      );
      expect(forbidden.status).toBe(403);
      const lookupForbidden = await request(denied.server).get(
        '/api/openstack/clouds/lab/regions/RegionOne/lookups/flavors',
      );
      expect(lookupForbidden.status).toBe(403);
      await denied.stop();

      const { server } = await backend();
      // Refusals: [path, status, what the message names].
      const refusals: Array<[string, number, string?]> = [
        [
          '/api/openstack/entities/component/default/no-cloud/resources',
          400,
          'openstack.canopy-idp.io/cloud',
        ],
        ['/api/openstack/entities/component/default/nope/resources', 404],
        [
          '/api/openstack/entities/component/default/payments/resources?kinds=servers,vms',
          400,
          'unknown resource kind(s) vms',
        ],
        [
          '/api/openstack/clouds/elsewhere/regions/RegionOne/lookups/flavors',
          404,
        ],
        ['/api/openstack/clouds/lab/regions/RegionOne/lookups/volumes', 400],
      ];
      for (const [url, status, named = ''] of refusals) {
        const res = await request(server).get(url);
        expect([url, res.status]).toEqual([url, status]);
        expect(res.body.error?.message ?? '').toContain(named);
      }
      const clouds = await request(server).get('/api/openstack/clouds');
      expect(clouds.body.items.map((c: any) => c.name)).toEqual([
        'lab',
        'broken',
      ]);
      const spec = await request(server).get('/api/openstack/openapi.json');
      expect(spec.status).toBe(200);
      expect(Object.keys(spec.body.paths)).toContain(
        '/api/openstack/entities/{kind}/{namespace}/{name}/resources',
      );
    }, 180_000);

    it('never puts a secret or token in a response or a log line', async () => {
      const { server } = await backend();
      const bodies: string[] = [];
      for (const url of [
        '/api/openstack/entities/component/default/payments/resources',
        '/api/openstack/clouds',
        '/api/openstack/health',
        '/api/openstack/clouds/broken/regions/RegionOne/lookups/flavors',
        '/api/openstack/clouds/lab/regions/RegionOne/quota-headroom',
      ]) {
        const res = await request(server).get(url);
        expect(res.status).toBe(200);
        bodies.push(res.text);
      }
      const broken = JSON.parse(bodies[3]);
      expect(broken.sources[0]).toMatchObject({
        service: 'identity',
        status: 'error',
      });
      expect(broken.sources[0].message).toContain('HTTP 401');
      const everything = [...bodies, ...logLines].join('\n');
      for (const secret of [
        demoPassword,
        appCred.secret,
        `Wrong-${appCred.secret}`,
      ]) {
        expect(everything).not.toContain(secret);
      }
      expect(everything).not.toMatch(/gAAAAA[A-Za-z0-9_-]{20,}/);
    }, 180_000);
  });
});
