/**
 * CloudKitty as a price source: what its rating rules charge for the lines
 * of a request, through its v1 quote call (`POST /v1/rating/quote`, the call
 * Horizon's CloudKitty dashboard makes at instance launch), turned into a
 * price list for the lines priced, so the pure engine (`estimate.ts`) sums
 * them as it sums a configured list.
 */
import {
  estimateCost,
  HOURS_PER_MONTH,
  type OpenStackCostFigures,
  type OpenStackCostSpec,
} from './estimate';
import type { CloudKittySettings, OpenStackPriceList } from './priceList';

/**
 * A resource as the quote call takes it (`CloudkittyResource` of the v1
 * API): its service, quantity and the metadata its rating rules match.
 *
 * @public
 */
export interface CloudKittyResource {
  service: string;
  volume: string;
  desc: { metadata: Record<string, string> };
}

/** The price a quote answers: a decimal, as a JSON number or string. */
export function quotePrice(body: unknown): number {
  const price = typeof body === 'string' ? Number(body) : body;
  if (typeof price !== 'number' || !Number.isFinite(price) || price < 0) {
    throw new Error(
      `CloudKitty's quote answered ${JSON.stringify(body)?.slice(
        0,
        80,
      )}, not a price`,
    );
  }
  return price;
}

/** One quote: a line of the request, what it is called in the estimate. */
interface QuoteLine {
  resource: CloudKittyResource;
  quantity: number;
  /** Sets the line's unit price (per its unit) in the list. */
  set(list: OpenStackPriceList, unitPerHour: number): void;
  /** The estimate's label of the line. */
  label: string;
}

function linesOf(
  spec: OpenStackCostSpec,
  settings: CloudKittySettings,
): { lines: QuoteLine[]; unrated: Map<string, string> } {
  const { services } = settings;
  const unrated = new Map<string, string>();
  const servers = new Map<
    string,
    {
      count: number;
      flavor: NonNullable<OpenStackCostSpec['servers']>[number]['flavor'];
    }
  >();
  const gib = new Map<string, number>();
  let floatingIps = spec.floatingIps ?? 0;
  const addVolumes = (
    volumes: OpenStackCostSpec['volumes'] = [],
    times: number,
  ) => {
    for (const v of volumes) {
      const type = v.type || 'default';
      gib.set(type, (gib.get(type) ?? 0) + v.sizeGiB * times);
    }
  };
  for (const s of spec.servers ?? []) {
    if (s.count <= 0) continue;
    if (s.flavor.name) {
      const line = servers.get(s.flavor.name) ?? { count: 0, flavor: s.flavor };
      line.count += s.count;
      servers.set(s.flavor.name, line);
    }
    addVolumes(s.volumes, s.count);
    if (s.floatingIp) floatingIps += s.count;
  }
  addVolumes(spec.volumes, 1);
  const lines: QuoteLine[] = [];
  for (const [name, { count, flavor }] of servers) {
    const metadata: Record<string, string> = { flavor_name: name };
    if (flavor.vcpus !== undefined) metadata.vcpus = String(flavor.vcpus);
    if (flavor.ramMiB !== undefined) metadata.ram = String(flavor.ramMiB);
    if (flavor.diskGiB !== undefined) metadata.disk = String(flavor.diskGiB);
    lines.push({
      resource: {
        service: services.server,
        volume: String(count),
        desc: { metadata },
      },
      quantity: count,
      label: `server ${name}`,
      set: (list, hour) => {
        list.flavors = { ...list.flavors, [name]: hour };
      },
    });
  }
  for (const [type, size] of gib) {
    if (size <= 0) continue;
    lines.push({
      resource: {
        service: services.volume,
        volume: String(size),
        desc: { metadata: type === 'default' ? {} : { volume_type: type } },
      },
      quantity: size,
      label: `volume (${type})`,
      set: (list, hour) => {
        list.volumeTypes = {
          ...list.volumeTypes,
          [type]: hour * HOURS_PER_MONTH,
        };
      },
    });
  }
  /** What is counted by the hour: its count, service setting, label and price. */
  const hourly: Array<
    [
      number,
      'floatingIp' | 'loadBalancer' | 'network' | 'router',
      string,
      'floatingIpHour' | 'loadBalancerHour' | 'networkHour' | 'routerHour',
    ]
  > = [
    [floatingIps, 'floatingIp', 'floating IP', 'floatingIpHour'],
    [
      spec.loadBalancers ?? 0,
      'loadBalancer',
      'load balancer',
      'loadBalancerHour',
    ],
    [spec.networks ?? 0, 'network', 'network', 'networkHour'],
    [spec.routers ?? 0, 'router', 'router', 'routerHour'],
  ];
  for (const [count, setting, label, price] of hourly) {
    if (count <= 0) continue;
    const service = services[setting];
    if (!service) {
      unrated.set(
        label,
        `CloudKitty rates no ${label}s here (pricing.cloudkitty.services.${setting} is not set)`,
      );
      continue;
    }
    lines.push({
      resource: { service, volume: String(count), desc: { metadata: {} } },
      quantity: count,
      label,
      set: (list, hour) => {
        list[price] = hour;
      },
    });
  }
  return { lines, unrated };
}

/**
 * Prices a spec with CloudKitty: each line (the servers of a flavor, the
 * GiB of a volume type, the floating IPs, the load balancers) is quoted with
 * its whole quantity, so rules that depend on it (thresholds) apply; its
 * unit price is the quote over the quantity, per hour. A line CloudKitty
 * rates 0 is reported as not priced (no rating rule of its matches it),
 * never summed as free. Fails when a quote fails: the caller decides what
 * to fall back to.
 *
 * @public
 */
export async function estimateWithCloudKitty(
  spec: OpenStackCostSpec,
  settings: CloudKittySettings,
  quote: (resources: CloudKittyResource[]) => Promise<number>,
): Promise<OpenStackCostFigures> {
  const { lines, unrated } = linesOf(spec, settings);
  const prices = await Promise.all(lines.map(l => quote([l.resource])));
  const list: OpenStackPriceList = {};
  lines.forEach((line, i) => {
    if (prices[i] > 0) {
      line.set(
        list,
        (prices[i] / line.quantity) * (3600 / settings.periodSeconds),
      );
    } else {
      unrated.set(
        line.label,
        `CloudKitty rated it 0: none of its rating rules matches service '${
          line.resource.service
        }'${
          Object.keys(line.resource.desc.metadata).length
            ? ` with ${Object.entries(line.resource.desc.metadata)
                .map(([k, v]) => `${k}=${v}`)
                .join(', ')}`
            : ''
        }`,
      );
    }
  });
  const figures = estimateCost(spec, list);
  return {
    ...figures,
    unpriced: figures.unpriced.map(u => ({
      item: u.item,
      reason: unrated.get(u.item) ?? u.reason,
    })),
  };
}
