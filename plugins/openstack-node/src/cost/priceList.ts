/**
 * A cloud's prices, as configured under `openstack.clouds[].pricing`, and the
 * list that applies to one region and project.
 */

/**
 * Prices of one cloud (or of some of its regions or projects), in the
 * pricing's currency. A price that is not given is unknown, never zero: what
 * needs it is reported as not priced.
 *
 * @public
 */
export interface OpenStackPriceList {
  /** Per server-hour, by flavor name; wins over the per-component prices. */
  flavors?: Record<string, number>;
  /** Per vCPU-hour, for flavors not in `flavors`. */
  vcpuHour?: number;
  /** Per GiB of RAM per hour, for flavors not in `flavors`. */
  ramGiBHour?: number;
  /** Per GiB of a flavor's root disk per hour; a flavor's disk is free when not given. */
  diskGiBHour?: number;
  /** Per GiB-month of a volume of a type not in `volumeTypes`. */
  volumeGiBMonth?: number;
  /** Per GiB-month, by volume type; wins over `volumeGiBMonth`. */
  volumeTypes?: Record<string, number>;
  /** Per floating IP per hour. */
  floatingIpHour?: number;
  /** Per load balancer per hour. */
  loadBalancerHour?: number;
  /** Per network (with its subnets) per hour. */
  networkHour?: number;
  /** Per router per hour. */
  routerHour?: number;
}

/**
 * How Canopy asks a cloud's CloudKitty (`openstack.clouds[].pricing.cloudkitty`).
 *
 * @public
 */
export interface CloudKittySettings {
  /**
   * The seconds a quote is for: CloudKitty's collect period (its
   * `[collect] period`, 3600 by default). A quote of one period is divided by
   * it to give a price an hour.
   */
  periodSeconds: number;
  /** CloudKitty's service (metric) names that rate each kind of resource. */
  services: {
    server: string;
    volume: string;
    floatingIp?: string;
    loadBalancer?: string;
    network?: string;
    router?: string;
  };
}

/**
 * A cloud's pricing: its currency, its price list and the overrides of some
 * regions or projects.
 *
 * @public
 */
export interface OpenStackPricing {
  /** ISO 4217 code, e.g. EUR. */
  currency: string;
  prices: OpenStackPriceList;
  /** Set when the cloud's CloudKitty prices; `prices` is then the fallback. */
  cloudkitty?: CloudKittySettings;
  /**
   * Applied in order over `prices` where they match: a price of an override
   * replaces the same price (a flavor's, a volume type's) of the list.
   */
  overrides: Array<{
    /** The regions it applies to; all when absent. */
    regions?: string[];
    /** The projects it applies to, by their name in the project map (else their id); all when absent. */
    projects?: string[];
    prices: OpenStackPriceList;
  }>;
}

/** A price of a list by name (a flavor's, a volume type's), never one of Object's own keys. */
export function priceOf(
  prices: Record<string, number> | undefined,
  name: string,
): number | undefined {
  return prices && Object.hasOwn(prices, name) ? prices[name] : undefined;
}

/**
 * The price list of one region and project: the cloud's list with the
 * matching overrides applied in order.
 *
 * @public
 */
export function priceListFor(
  pricing: OpenStackPricing,
  where: { region: string; project: string },
): OpenStackPriceList {
  let list: OpenStackPriceList = pricing.prices;
  for (const o of pricing.overrides) {
    const region = !o.regions || o.regions.includes(where.region);
    const project = !o.projects || o.projects.includes(where.project);
    if (region && project) {
      list = {
        ...list,
        ...o.prices,
        flavors: { ...list.flavors, ...o.prices.flavors },
        volumeTypes: { ...list.volumeTypes, ...o.prices.volumeTypes },
      };
    }
  }
  return list;
}
