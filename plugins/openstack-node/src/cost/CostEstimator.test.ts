/**
 * Cost estimates through the OpenStack service, offline: flavors and the
 * project's resources come from the fake OpenStack (answers recorded from the
 * test bed: two m1.tiny servers, a 1 GiB volume, a floating IP and a load
 * balancer in project demo), prices from configuration.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import { FakeOpenStack, fakeCloudConfig } from '../testUtils/fakeOpenStack';
import { FakeCloudKitty } from '../testUtils/fakeCloudKitty';
import { readPluginOptions } from '../config/readPluginOptions';
import { OpenStackService } from '../service/OpenStackService';

const PRICING = {
  currency: 'EUR',
  prices: {
    flavors: [{ name: 'm1.tiny', hour: 0.01 }],
    vcpuHour: 0.02,
    ramGiBHour: 0.01,
    volumeGiBMonth: 0.1,
    floatingIpHour: 0.005,
    loadBalancerHour: 0.03,
  },
};

function setup(
  cloud: Record<string, unknown> = {},
  cloudKitty?: FakeCloudKitty,
) {
  const now = Date.parse('2026-12-07T12:00:00Z');
  const fake = new FakeOpenStack(() => now, cloudKitty);
  const service = new OpenStackService(
    readPluginOptions(
      new ConfigReader({
        openstack: {
          clouds: [
            fakeCloudConfig({
              pricing: PRICING,
              projects: [
                {
                  name: 'demo',
                  owners: ['group:default/team-a'],
                  monthlyBudget: 80,
                },
              ],
              ...cloud,
            }),
          ],
          cache: { resourcesTtlSeconds: 0 },
        },
      }),
    ),
    {
      cache: CacheManager.fromConfig(
        new ConfigReader({ backend: { cache: { store: 'memory' } } }),
      ).forPlugin('openstack'),
      logger: mockServices.logger.mock(),
      now: () => now,
      httpFor: () => fake,
    },
  );
  const project = service.projects.find(service.projects.cloud('lab'), 'demo')!;
  const target = { cloud: 'lab', region: 'RegionOne', project };
  return { fake, service, target };
}

const REQUEST = {
  servers: [{ flavor: 'm1.small', count: 2, volumes: [{ sizeGiB: 5 }] }],
};

describe('CostEstimator', () => {
  it("prices a request from the price list, and checks it against the project's budget", async () => {
    const { service, target } = setup();
    const estimate = await service.costs.estimate(target, REQUEST);
    // m1.small (1 vCPU, 2 GiB) by component: 0.02 + 2 × 0.01 = 0.04 an hour;
    // 2 × 0.04 × 730 = 58.4; its volumes 2 × 5 GiB × 0.1 = 1.
    expect(estimate).toMatchObject({
      currency: 'EUR',
      monthly: 59.4,
      unpriced: [],
      source: { kind: 'priceList', at: '2026-12-07T12:00:00.000Z' },
    });
    expect(estimate.items.map(i => [i.label, i.quantity, i.monthly])).toEqual([
      ['server m1.small', 2, 58.4],
      ['volume (default)', 10, 1],
    ]);
    // What runs: 2 m1.tiny 2 × 0.01 × 730 = 14.6; 1 GiB of __DEFAULT__ at the
    // default price 0.1; a floating IP 3.65; a load balancer 21.9.
    expect(estimate.budget).toEqual({
      monthly: 80,
      runRate: 40.25,
      afterRequest: 99.65,
      exceededBy: 19.65,
      overridden: false,
    });
  });

  it('marks a budget overrun overridden only when a reason is given', async () => {
    const { service, target } = setup();
    const estimate = await service.costs.estimate(target, {
      ...REQUEST,
      overrideReason: 'launch week load test',
    });
    expect(estimate.budget).toMatchObject({
      exceededBy: 19.65,
      overridden: true,
    });
  });

  it('says the cloud has no pricing, and prices nothing, without a price list', async () => {
    const { service, target } = setup({
      pricing: undefined,
      projects: [{ name: 'demo', owners: ['group:default/team-a'] }],
    });
    await expect(
      service.costs.estimate(target, REQUEST),
    ).resolves.toMatchObject({
      currency: '',
      monthly: 0,
      items: [],
      unpriced: [
        {
          item: 'the request',
          reason:
            "cloud 'lab' has no pricing configured (openstack.clouds[].pricing)",
        },
      ],
      source: { kind: 'none' },
    });
  });

  it('names networks and routers as not priced, unless the list prices them', async () => {
    const { service, target } = setup();
    const request = { networks: 2, routers: 1 };
    await expect(
      service.costs.estimate(target, request),
    ).resolves.toMatchObject({
      monthly: 0,
      items: [],
      unpriced: [
        { item: 'network', reason: 'the price list has no networkHour' },
        { item: 'router', reason: 'the price list has no routerHour' },
      ],
    });
    const priced = setup({
      pricing: {
        ...PRICING,
        prices: { ...PRICING.prices, networkHour: 0.001, routerHour: 0.002 },
      },
    });
    const estimate = await priced.service.costs.estimate(
      priced.target,
      request,
    );
    // 2 × 0.001 × 730 + 0.002 × 730.
    expect(estimate.monthly).toBe(2.92);
    expect(estimate.items.map(i => [i.kind, i.unit, i.quantity])).toEqual([
      ['network', 'network-hour', 2],
      ['router', 'router-hour', 1],
    ]);
  });

  it('names the field of a flavor the region does not have', async () => {
    const { service, target } = setup();
    await expect(
      service.costs.estimate(target, {
        servers: [{ flavor: 'm9.huge', count: 1 }],
      }),
    ).rejects.toThrow(
      "servers.0.flavor: there is no flavor 'm9.huge' in lab / RegionOne / demo (available: m1.tiny, m1.small)",
    );
  });

  it('refuses to answer for a budget it cannot check (deny by default)', async () => {
    const { fake, service, target } = setup();
    fake.fail('load-balancer', 'error');
    await expect(
      service.costs.estimate(target, { volumes: [{ sizeGiB: 1 }] }),
    ).rejects.toThrow(
      /Cannot read the resources of lab \/ RegionOne \/ demo to check its monthly budget: RegionOne\/load-balancer error/,
    );
  });

  it("gives a project's run-rate over every region, and says what it leaves out", async () => {
    const { fake, service, target } = setup();
    const { project } = target;
    fake.fail('load-balancer', 'error');
    const partial = await service.costs.projectRunRate({
      cloud: 'lab',
      project,
    });
    // Without the load balancer's 21.9 (never read, so no stale copy either).
    expect(partial.runRate?.monthly).toBe(18.35);
    expect(
      partial.sources.filter(s => s.status !== 'ok').map(s => s.service),
    ).toEqual(['load-balancer']);
    const healthy = setup();
    await expect(
      healthy.service.costs.projectRunRate({
        cloud: 'lab',
        project: healthy.target.project,
      }),
    ).resolves.toMatchObject({
      cloud: 'lab',
      project: 'demo',
      // The same 40.25 a month the budget check counts.
      runRate: { currency: 'EUR', monthly: 40.25, unpriced: [] },
    });
  });

  it('reads nothing for a run-rate where the cloud has no pricing', async () => {
    const { fake, service, target } = setup({
      pricing: undefined,
      projects: [{ name: 'demo', owners: ['group:default/team-a'] }],
    });
    fake.fail('compute', 'error');
    await expect(
      service.costs.projectRunRate({ cloud: 'lab', project: target.project }),
    ).resolves.toEqual({ cloud: 'lab', project: 'demo', sources: [] });
  });

  it('rejects a bad price list at startup, naming the setting', () => {
    expect(() => setup({ pricing: { currency: 'euro', prices: {} } })).toThrow(
      "openstack.clouds[lab].pricing.currency must be an ISO 4217 code of three capital letters, e.g. EUR, got 'euro'",
    );
    expect(() =>
      setup({ pricing: { currency: 'EUR', prices: { vcpuHour: 0.1 } } }),
    ).toThrow('give both vcpuHour and ramGiBHour');
    expect(() => setup({ pricing: undefined })).toThrow(
      "openstack.clouds[lab].projects[0] (demo): monthlyBudget needs the cloud's pricing (openstack.clouds[lab].pricing): without prices no request can be checked against it",
    );
  });

  describe('with CloudKitty', () => {
    /** Hashmap rules per hour (CloudKitty's default collect period). */
    const RULES = [
      {
        service: 'instance',
        field: 'flavor_name',
        value: 'm1.small',
        cost: 0.05,
      },
      { service: 'volume.size', cost: 0.0002 },
      { service: 'network.floating', cost: 0.004 },
    ];
    const withCloudKitty = (
      cloudkitty: Record<string, unknown> = {},
      prices: Record<string, unknown> | null = PRICING.prices,
    ) => {
      const ck = new FakeCloudKitty(RULES);
      return {
        ck,
        ...setup(
          {
            pricing: {
              currency: 'EUR',
              cloudkitty,
              ...(prices ? { prices } : {}),
            },
            projects: [{ name: 'demo', owners: ['group:default/team-a'] }],
          },
          ck,
        ),
      };
    };

    it("prices each line with CloudKitty's quote of its whole quantity", async () => {
      const { ck, service, target } = withCloudKitty();
      const estimate = await service.costs.estimate(target, {
        ...REQUEST,
        floatingIps: 1,
      });
      // 2 m1.small: 2 × 0.05 × 730 = 73; 10 GiB: 10 × 0.0002 × 730 = 1.46;
      // a floating IP: 0.004 × 730 = 2.92.
      expect(estimate.items.map(i => [i.label, i.quantity, i.monthly])).toEqual(
        [
          ['server m1.small', 2, 73],
          ['volume (default)', 10, 1.46],
          ['floating IP', 1, 2.92],
        ],
      );
      expect(estimate).toMatchObject({
        monthly: 77.38,
        unpriced: [],
        source: {
          kind: 'cloudkitty',
          detail:
            "CloudKitty of cloud 'lab' in RegionOne (v1 API: POST /v1/rating/quote; a quote is for 3600 s)",
        },
      });
      expect(estimate.source.warning).toBeUndefined();
      // The quote bodies, as CloudKitty's v1 API takes them.
      expect(ck.quotes).toEqual([
        {
          resources: [
            {
              service: 'instance',
              volume: '2',
              desc: {
                metadata: {
                  flavor_name: 'm1.small',
                  vcpus: '1',
                  ram: '2048',
                  disk: '20',
                },
              },
            },
          ],
        },
        {
          resources: [
            { service: 'volume.size', volume: '10', desc: { metadata: {} } },
          ],
        },
        {
          resources: [
            {
              service: 'network.floating',
              volume: '1',
              desc: { metadata: {} },
            },
          ],
        },
      ]);
    });

    it('turns a quote of another collect period into a price an hour', async () => {
      const { service, target } = withCloudKitty({ periodSeconds: 600 });
      const estimate = await service.costs.estimate(target, {
        volumes: [{ sizeGiB: 10 }],
      });
      // 0.0002 per GiB and 10 minutes: 0.0012 an hour, 0.876 a month.
      expect(estimate.monthly).toBe(8.76);
    });

    it('names what no rating rule matches, and what CloudKitty is not asked for', async () => {
      const { service, target } = withCloudKitty();
      const estimate = await service.costs.estimate(target, {
        servers: [{ flavor: 'm1.tiny', count: 1 }],
        loadBalancers: 1,
      });
      expect(estimate.monthly).toBe(0);
      expect(estimate.unpriced).toEqual([
        {
          item: 'server m1.tiny',
          reason:
            "CloudKitty rated it 0: none of its rating rules matches service 'instance' with flavor_name=m1.tiny, vcpus=1, ram=512, disk=1",
        },
        {
          item: 'load balancer',
          reason:
            'CloudKitty rates no load balancers here (pricing.cloudkitty.services.loadBalancer is not set)',
        },
      ]);
    });

    it('falls back to the price list when CloudKitty does not answer, and says so', async () => {
      const { fake, service, target } = withCloudKitty();
      fake.fail('rating', 'error');
      const estimate = await service.costs.estimate(target, REQUEST);
      // The price list's figure (see the first test), with a warning.
      expect(estimate.monthly).toBe(59.4);
      expect(estimate.source).toMatchObject({ kind: 'priceList' });
      expect(estimate.source.warning).toMatch(
        /^CloudKitty of cloud 'lab' in RegionOne did not answer \(rating quote in RegionOne: HTTP 500 Internal Server Error\): priced from the price list instead, which may differ from what CloudKitty bills$/,
      );
    });

    it('prices nothing, and says why, without a price list to fall back on', async () => {
      const { fake, service, target } = withCloudKitty({}, null);
      fake.fail('rating', 'timeout');
      const estimate = await service.costs.estimate(target, REQUEST);
      expect(estimate).toMatchObject({
        monthly: 0,
        items: [],
        source: { kind: 'none' },
      });
      expect(estimate.unpriced[0].reason).toMatch(/did not answer/);
      expect(estimate.source.warning).toMatch(/nothing is priced$/);
    });

    it('refuses a request it cannot price against a budget (deny by default)', async () => {
      const ck = new FakeCloudKitty(RULES);
      const { fake, service, target } = setup(
        {
          pricing: { currency: 'EUR', cloudkitty: {} },
          projects: [
            {
              name: 'demo',
              owners: ['group:default/team-a'],
              monthlyBudget: 80,
            },
          ],
        },
        ck,
      );
      fake.fail('rating', 'error');
      await expect(service.costs.estimate(target, REQUEST)).rejects.toThrow(
        /^Cannot price the request in lab \/ RegionOne \/ demo to check its monthly budget: CloudKitty of cloud 'lab' in RegionOne did not answer/,
      );
    });

    it("gives a listing's run-rate from CloudKitty too", async () => {
      const { service, target } = withCloudKitty();
      const answer = await service.costs.projectRunRate({
        cloud: 'lab',
        project: target.project,
      });
      // Two m1.tiny (no rule: not priced), 1 GiB (0.146), a floating IP
      // (2.92), a load balancer (not asked).
      expect(answer.runRate).toMatchObject({
        monthly: 3.066,
        source: { kind: 'cloudkitty' },
      });
      expect(answer.runRate?.unpriced).toEqual([
        expect.stringMatching(
          /^server m1\.tiny in RegionOne: CloudKitty rated it 0/,
        ),
        'load balancer in RegionOne: CloudKitty rates no load balancers here (pricing.cloudkitty.services.loadBalancer is not set)',
      ]);
    });
  });
});
