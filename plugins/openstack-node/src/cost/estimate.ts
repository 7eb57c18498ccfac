import type {
  OpenStackCostItem,
  OpenStackCostVolume,
} from '@canopy-idp/plugin-openstack-common';
import { priceOf, type OpenStackPriceList } from './priceList';

/**
 * Hours in a month of Canopy's estimates (365 × 24 / 12, rounded).
 *
 * @public
 */
export const HOURS_PER_MONTH = 730;

/**
 * What is priced: servers of a flavor (its vCPUs, RAM and root disk when the
 * price list prices by component), volumes, floating IPs and load balancers.
 *
 * @public
 */
export interface OpenStackCostSpec {
  servers?: Array<{
    flavor: {
      name?: string;
      vcpus?: number;
      ramMiB?: number;
      diskGiB?: number;
    };
    count: number;
    volumes?: OpenStackCostVolume[];
    floatingIp?: boolean;
  }>;
  volumes?: OpenStackCostVolume[];
  floatingIps?: number;
  loadBalancers?: number;
  networks?: number;
  routers?: number;
}

/**
 * The figures of an estimate: its items, what could not be priced, and the
 * totals. Amounts are exact to a millionth of the currency: each unit price
 * is rounded to a millionth, and every other figure is an exact product or
 * sum of those, so totals are the sum of their items. (Exact while a
 * monthly total stays under about two billion: beyond that a double no
 * longer holds every millionth.)
 *
 * @public
 */
export interface OpenStackCostFigures {
  items: OpenStackCostItem[];
  unpriced: Array<{ item: string; reason: string }>;
  hourly: number;
  monthly: number;
}

const MICROS = 1_000_000;
const micros = (price: number) => Math.round(price * MICROS);

/** One line before it is summed: its monthly price in millionths. */
type Line = Omit<OpenStackCostItem, 'hourly' | 'monthly'> & {
  monthlyMicros: number;
};

function serverHourMicros(
  flavor: NonNullable<OpenStackCostSpec['servers']>[number]['flavor'],
  prices: OpenStackPriceList,
): number | string {
  const byName = flavor.name ? priceOf(prices.flavors, flavor.name) : undefined;
  if (byName !== undefined) return micros(byName);
  if (prices.vcpuHour === undefined || prices.ramGiBHour === undefined) {
    return 'the price list has no price for the flavor (flavors) and no vcpuHour and ramGiBHour';
  }
  if (flavor.vcpus === undefined || flavor.ramMiB === undefined) {
    return 'its vCPUs and RAM are not known';
  }
  return Math.round(
    flavor.vcpus * micros(prices.vcpuHour) +
      (flavor.ramMiB * micros(prices.ramGiBHour)) / 1024 +
      (flavor.diskGiB ?? 0) * micros(prices.diskGiBHour ?? 0),
  );
}

/**
 * Prices what a request asks for, or what runs, with one price list. Pure:
 * the same spec and list give the same figures, in the form's preview and in
 * the server-side check. Nothing of a zero count or size is listed.
 *
 * @public
 */
export function estimateCost(
  spec: OpenStackCostSpec,
  prices: OpenStackPriceList,
): OpenStackCostFigures {
  const lines = new Map<string, Line>();
  const unpriced = new Map<string, string>();
  const add = (
    key: Omit<Line, 'quantity' | 'monthlyMicros'>,
    quantity: number,
    monthlyMicros: number,
  ) => {
    const id = `${key.kind}\u0000${key.label}\u0000${key.unitPrice}`;
    const line = lines.get(id) ?? { ...key, quantity: 0, monthlyMicros: 0 };
    line.quantity += quantity;
    line.monthlyMicros += monthlyMicros;
    lines.set(id, line);
  };
  const addVolumes = (volumes: OpenStackCostVolume[], times: number) => {
    for (const v of volumes) {
      const gib = v.sizeGiB * times;
      if (gib <= 0) continue;
      const type = v.type || 'default';
      const price = priceOf(prices.volumeTypes, type) ?? prices.volumeGiBMonth;
      if (price === undefined) {
        unpriced.set(
          `volume (${type})`,
          `the price list has no price for the volume type (volumeTypes) and no volumeGiBMonth`,
        );
        continue;
      }
      const unitPrice = micros(price);
      add(
        {
          kind: 'volume',
          label: `volume (${type})`,
          unit: 'GiB-month',
          unitPrice: unitPrice / MICROS,
        },
        gib,
        gib * unitPrice,
      );
    }
  };
  const addHourly = (
    kind: 'floatingIp' | 'loadBalancer' | 'network' | 'router',
    label: string,
    unit: 'address-hour' | 'loadbalancer-hour' | 'network-hour' | 'router-hour',
    count: number,
    price: number | undefined,
    priceName: string,
  ) => {
    if (count <= 0) return;
    if (price === undefined) {
      unpriced.set(label, `the price list has no ${priceName}`);
      return;
    }
    const unitPrice = micros(price);
    add(
      { kind, label, unit, unitPrice: unitPrice / MICROS },
      count,
      count * unitPrice * HOURS_PER_MONTH,
    );
  };

  for (const s of spec.servers ?? []) {
    if (s.count <= 0) continue;
    const label = `server ${s.flavor.name ?? '(unnamed flavor)'}`;
    const hour = serverHourMicros(s.flavor, prices);
    if (typeof hour === 'string') {
      unpriced.set(label, hour);
    } else {
      add(
        {
          kind: 'server',
          label,
          unit: 'server-hour',
          unitPrice: hour / MICROS,
        },
        s.count,
        s.count * hour * HOURS_PER_MONTH,
      );
    }
    addVolumes(s.volumes ?? [], s.count);
    if (s.floatingIp) {
      addHourly(
        'floatingIp',
        'floating IP',
        'address-hour',
        s.count,
        prices.floatingIpHour,
        'floatingIpHour',
      );
    }
  }
  addVolumes(spec.volumes ?? [], 1);
  addHourly(
    'floatingIp',
    'floating IP',
    'address-hour',
    spec.floatingIps ?? 0,
    prices.floatingIpHour,
    'floatingIpHour',
  );
  addHourly(
    'loadBalancer',
    'load balancer',
    'loadbalancer-hour',
    spec.loadBalancers ?? 0,
    prices.loadBalancerHour,
    'loadBalancerHour',
  );
  addHourly(
    'network',
    'network',
    'network-hour',
    spec.networks ?? 0,
    prices.networkHour,
    'networkHour',
  );
  addHourly(
    'router',
    'router',
    'router-hour',
    spec.routers ?? 0,
    prices.routerHour,
    'routerHour',
  );

  let total = 0;
  const items = [...lines.values()].map(({ monthlyMicros, ...line }) => {
    total += monthlyMicros;
    return {
      ...line,
      hourly: monthlyMicros / HOURS_PER_MONTH / MICROS,
      monthly: monthlyMicros / MICROS,
    };
  });
  return {
    items,
    unpriced: [...unpriced].map(([item, reason]) => ({ item, reason })),
    hourly: total / HOURS_PER_MONTH / MICROS,
    monthly: total / MICROS,
  };
}
