import fc from 'fast-check';
import {
  propertyParameters,
  PROPERTY_TIMEOUT_MS,
} from '@canopy-idp/plugin-scaffolder-node-test-utils';
import {
  estimateCost,
  HOURS_PER_MONTH,
  type OpenStackCostSpec,
} from './estimate';
import { priceListFor, type OpenStackPriceList } from './priceList';

const PRICES: OpenStackPriceList = {
  flavors: { 'm1.small': 0.025 },
  vcpuHour: 0.011,
  ramGiBHour: 0.0042,
  diskGiBHour: 0.0001,
  volumeGiBMonth: 0.08,
  volumeTypes: { ssd: 0.17 },
  floatingIpHour: 0.004,
  loadBalancerHour: 0.03,
};

const micros = (amount: number) => Math.round(amount * 1_000_000);

describe('estimateCost', () => {
  it('prices a request as a hand computation from the price list does', () => {
    const figures = estimateCost(
      {
        servers: [
          {
            flavor: { name: 'm1.small', vcpus: 1, ramMiB: 2048, diskGiB: 20 },
            count: 3,
            volumes: [{ sizeGiB: 50, type: 'ssd' }],
            floatingIp: true,
          },
          // Not in `flavors`: 2 vCPUs, 4 GiB RAM and a 40 GiB disk, by component.
          {
            flavor: { name: 'm1.medium', vcpus: 2, ramMiB: 4096, diskGiB: 40 },
            count: 1,
          },
        ],
        volumes: [{ sizeGiB: 100 }],
        loadBalancers: 1,
      },
      PRICES,
    );
    // By hand: m1.small 3 × 0.025 × 730 = 54.75; ssd 3 × 50 GiB × 0.17 = 25.5;
    // floating IPs 3 × 0.004 × 730 = 8.76; m1.medium by component 2 × 0.011 +
    // 4 GiB × 0.0042 + 40 GiB × 0.0001 = 0.0428 an hour, × 730 = 31.244;
    // 100 GiB × 0.08 = 8; load balancer 0.03 × 730 = 21.9.
    expect(figures.items).toEqual([
      {
        kind: 'server',
        label: 'server m1.small',
        quantity: 3,
        unit: 'server-hour',
        unitPrice: 0.025,
        hourly: 0.075,
        monthly: 54.75,
      },
      {
        kind: 'volume',
        label: 'volume (ssd)',
        quantity: 150,
        unit: 'GiB-month',
        unitPrice: 0.17,
        hourly: 25.5 / 730,
        monthly: 25.5,
      },
      {
        kind: 'floatingIp',
        label: 'floating IP',
        quantity: 3,
        unit: 'address-hour',
        unitPrice: 0.004,
        hourly: 0.012,
        monthly: 8.76,
      },
      {
        kind: 'server',
        label: 'server m1.medium',
        quantity: 1,
        unit: 'server-hour',
        unitPrice: 0.0428,
        hourly: 0.0428,
        monthly: 31.244,
      },
      {
        kind: 'volume',
        label: 'volume (default)',
        quantity: 100,
        unit: 'GiB-month',
        unitPrice: 0.08,
        hourly: 8 / 730,
        monthly: 8,
      },
      {
        kind: 'loadBalancer',
        label: 'load balancer',
        quantity: 1,
        unit: 'loadbalancer-hour',
        unitPrice: 0.03,
        hourly: 0.03,
        monthly: 21.9,
      },
    ]);
    expect(figures.monthly).toBe(150.154);
    expect(figures.hourly).toBe(150.154 / 730);
    expect(figures.unpriced).toEqual([]);
  });

  it('names what it cannot price and leaves it out of the totals, never prices it at zero', () => {
    const figures = estimateCost(
      {
        servers: [
          { flavor: { name: 'gpu.large', vcpus: 8, ramMiB: 65536 }, count: 1 },
        ],
        volumes: [{ sizeGiB: 10, type: 'archive' }],
        floatingIps: 1,
      },
      { flavors: {}, volumeTypes: { ssd: 0.17 }, floatingIpHour: 0.004 },
    );
    expect(figures.unpriced).toEqual([
      {
        item: 'server gpu.large',
        reason:
          'the price list has no price for the flavor (flavors) and no vcpuHour and ramGiBHour',
      },
      {
        item: 'volume (archive)',
        reason:
          'the price list has no price for the volume type (volumeTypes) and no volumeGiBMonth',
      },
    ]);
    expect(figures.monthly).toBe(0.004 * 730);
  });

  it('applies the overrides of the region and project in order', () => {
    const list = priceListFor(
      {
        currency: 'EUR',
        prices: PRICES,
        overrides: [
          { regions: ['RegionTwo'], prices: { flavors: { 'm1.tiny': 0.01 } } },
          {
            projects: ['payments'],
            prices: { floatingIpHour: 0, volumeTypes: { ssd: 0.2 } },
          },
          {
            regions: ['RegionOne'],
            projects: ['other'],
            prices: { vcpuHour: 9 },
          },
        ],
      },
      { region: 'RegionTwo', project: 'payments' },
    );
    expect(list).toEqual({
      ...PRICES,
      flavors: { 'm1.small': 0.025, 'm1.tiny': 0.01 },
      floatingIpHour: 0,
      volumeTypes: { ssd: 0.2 },
    });
  });

  describe('properties', () => {
    const volume = fc.record(
      {
        sizeGiB: fc.integer({ min: 0, max: 16384 }),
        type: fc.constantFrom('ssd', 'hdd', 'archive'),
      },
      { requiredKeys: ['sizeGiB'] },
    );
    const spec: fc.Arbitrary<OpenStackCostSpec> = fc.record({
      servers: fc.array(
        fc.record({
          flavor: fc.record({
            name: fc.constantFrom('m1.small', 'm1.large', 'custom'),
            vcpus: fc.integer({ min: 1, max: 64 }),
            ramMiB: fc.integer({ min: 512, max: 262144 }),
            diskGiB: fc.integer({ min: 0, max: 1000 }),
          }),
          count: fc.integer({ min: 0, max: 100 }),
          volumes: fc.array(volume, { maxLength: 4 }),
          floatingIp: fc.boolean(),
        }),
        { maxLength: 4 },
      ),
      volumes: fc.array(volume, { maxLength: 4 }),
      floatingIps: fc.integer({ min: 0, max: 1000 }),
      loadBalancers: fc.integer({ min: 0, max: 100 }),
    });
    // Up to 1 a unit, 100 servers of a kind: totals stay well under two
    // billion a month, where the amounts are exact to a millionth.
    const price = fc.double({ min: 0, max: 1, noNaN: true });
    const prices: fc.Arbitrary<OpenStackPriceList> = fc.record(
      {
        flavors: fc.dictionary(fc.constantFrom('m1.small', 'm1.large'), price),
        vcpuHour: price,
        ramGiBHour: price,
        diskGiBHour: price,
        volumeGiBMonth: price,
        volumeTypes: fc.dictionary(fc.constantFrom('ssd', 'hdd'), price),
        floatingIpHour: price,
        loadBalancerHour: price,
      },
      { requiredKeys: [] },
    );

    it(
      'is additive: two requests together cost what each costs, to the millionth',
      () => {
        fc.assert(
          fc.property(spec, spec, prices, (a, b, p) => {
            const both = estimateCost(
              {
                servers: [...(a.servers ?? []), ...(b.servers ?? [])],
                volumes: [...(a.volumes ?? []), ...(b.volumes ?? [])],
                floatingIps: (a.floatingIps ?? 0) + (b.floatingIps ?? 0),
                loadBalancers: (a.loadBalancers ?? 0) + (b.loadBalancers ?? 0),
              },
              p,
            );
            const sum =
              micros(estimateCost(a, p).monthly) +
              micros(estimateCost(b, p).monthly);
            expect(micros(both.monthly)).toBe(sum);
          }),
          propertyParameters,
        );
      },
      PROPERTY_TIMEOUT_MS,
    );

    it(
      'totals are the sum of the items, and monthly is hourly times 730',
      () => {
        fc.assert(
          fc.property(spec, prices, (s, p) => {
            const f = estimateCost(s, p);
            const items = f.items.reduce((t, i) => t + micros(i.monthly), 0);
            expect(micros(f.monthly)).toBe(items);
            // To a millionth, relative to the amount (floating point).
            expect(
              Math.abs(f.hourly * HOURS_PER_MONTH - f.monthly),
            ).toBeLessThanOrEqual(1e-6 * Math.max(1, f.monthly));
            for (const i of f.items) {
              expect(i.quantity).toBeGreaterThan(0);
              expect(i.monthly).toBeGreaterThanOrEqual(0);
            }
          }),
          propertyParameters,
        );
      },
      PROPERTY_TIMEOUT_MS,
    );

    it(
      'is monotone in counts and sizes, and zero for zero',
      () => {
        fc.assert(
          fc.property(
            spec,
            prices,
            fc.integer({ min: 1, max: 10 }),
            (s, p, k) => {
              const more: OpenStackCostSpec = {
                servers: s.servers?.map(x => ({
                  ...x,
                  count: x.count + k,
                  volumes: x.volumes?.map(v => ({
                    ...v,
                    sizeGiB: v.sizeGiB + k,
                  })),
                })),
                volumes: s.volumes?.map(v => ({
                  ...v,
                  sizeGiB: v.sizeGiB + k,
                })),
                floatingIps: (s.floatingIps ?? 0) + k,
                loadBalancers: (s.loadBalancers ?? 0) + k,
              };
              expect(
                micros(estimateCost(more, p).monthly),
              ).toBeGreaterThanOrEqual(micros(estimateCost(s, p).monthly));
              const none: OpenStackCostSpec = {
                servers: s.servers?.map(x => ({ ...x, count: 0 })),
                volumes: s.volumes?.map(v => ({ ...v, sizeGiB: 0 })),
              };
              expect(estimateCost(none, p)).toEqual({
                items: [],
                unpriced: [],
                hourly: 0,
                monthly: 0,
              });
            },
          ),
          propertyParameters,
        );
      },
      PROPERTY_TIMEOUT_MS,
    );
  });
});
