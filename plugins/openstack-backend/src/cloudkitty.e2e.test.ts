/**
 * CloudKitty as the price source, against the test bed's real CloudKitty
 * (testbed/openstack/cloudkitty.sh: its v1 API and processor, hashmap rules
 * seeded per hour): estimates and run-rates equal a hand computation from
 * those rules. (What happens when CloudKitty does not answer is tested
 * offline: openstack-node's CostEstimator.test.ts.)
 */
import {
  CLOUDKITTY_RULES as RULES,
  describeTestbed,
  passwordCloud,
  readSeed,
  serviceFactory,
  tag,
} from './__testUtils__/testbed';

const round = (n: number) => Math.round(n * 1e6) / 1e6;

describeTestbed("CloudKitty's quotes against the real test bed", () => {
  const makeService = serviceFactory([]);
  beforeAll(() => {
    readSeed();
  });

  const withCloudKitty = (pricing: Record<string, unknown> = {}) => {
    const wrapped = makeService(
      passwordCloud({
        pricing: { currency: 'EUR', cloudkitty: {}, ...pricing },
      }),
    );
    const { service } = wrapped;
    const project = service.projects.find(
      service.projects.cloud('lab'),
      'demo',
    )!;
    return {
      wrapped,
      service,
      target: { cloud: 'lab', region: 'RegionOne', project },
    };
  };

  it('prices a request as its hashmap rules do, by hand', async () => {
    const { service, target } = withCloudKitty();
    const estimate = await service.costs.estimate(target, {
      servers: [{ flavor: 'm1.small', count: 2, volumes: [{ sizeGiB: 5 }] }],
      floatingIps: 1,
    });
    expect(estimate.items.map(i => [i.label, i.quantity, i.monthly])).toEqual([
      ['server m1.small', 2, round(2 * RULES.flavors['m1.small'] * 730)],
      ['volume (default)', 10, round(10 * RULES.volumeGiB * 730)],
      ['floating IP', 1, round(RULES.floatingIp * 730)],
    ]);
    expect(estimate.monthly).toBe(
      round(
        2 * RULES.flavors['m1.small'] * 730 +
          10 * RULES.volumeGiB * 730 +
          RULES.floatingIp * 730,
      ),
    );
    expect(estimate.source).toMatchObject({ kind: 'cloudkitty' });
    expect(estimate.source.warning).toBeUndefined();
  }, 120_000);

  it("gives payments' run-rate from CloudKitty, naming the load balancer it does not rate", async () => {
    const { wrapped } = withCloudKitty();
    const { resources, runRate } = await wrapped.listResources(
      'component:default/payments',
      { cloud: 'lab', tags: [tag('payments')] },
    );
    const gib = resources.volumes.reduce((n, v) => n + v.sizeGiB, 0);
    const byHand =
      resources.servers.reduce(
        (n, s) => n + RULES.flavors[s.flavor.name!] * 730,
        0,
      ) +
      gib * RULES.volumeGiB * 730 +
      resources.floatingIps.length * RULES.floatingIp * 730;
    expect(resources.loadBalancers.length).toBeGreaterThan(0);
    expect(runRate).toMatchObject({
      currency: 'EUR',
      monthly: round(byHand),
      unpriced: [
        'load balancer in RegionOne: CloudKitty rates no load balancers here (pricing.cloudkitty.services.loadBalancer is not set)',
      ],
      source: { kind: 'cloudkitty' },
    });
  }, 120_000);
});
