import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { OpenStackPriceList, OpenStackPricing } from './priceList';

function price(c: Config, key: string, where: string): number | undefined {
  const value = c.getOptionalNumber(key);
  if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
    throw new InputError(
      `${where}.${key} must be a price of 0 or more, got ${value}`,
    );
  }
  return value;
}

/** A list of named prices, e.g. `flavors: [{ name: m1.small, hour: 0.03 }]`. */
function named(
  c: Config,
  key: string,
  priceKey: string,
  where: string,
): Record<string, number> | undefined {
  const entries = c.getOptionalConfigArray(key);
  if (!entries) return undefined;
  const out: Record<string, number> = {};
  entries.forEach((e, i) => {
    const at = `${where}.${key}[${i}]`;
    const name = e.getString('name');
    if (Object.hasOwn(out, name)) {
      throw new InputError(`${at}.name: '${name}' is priced twice`);
    }
    out[name] = price(e, priceKey, at) ?? e.getNumber(priceKey);
  });
  return out;
}

function readPriceList(c: Config, where: string): OpenStackPriceList {
  const list: OpenStackPriceList = {
    flavors: named(c, 'flavors', 'hour', where),
    vcpuHour: price(c, 'vcpuHour', where),
    ramGiBHour: price(c, 'ramGiBHour', where),
    diskGiBHour: price(c, 'diskGiBHour', where),
    volumeGiBMonth: price(c, 'volumeGiBMonth', where),
    volumeTypes: named(c, 'volumeTypes', 'gibMonth', where),
    floatingIpHour: price(c, 'floatingIpHour', where),
    loadBalancerHour: price(c, 'loadBalancerHour', where),
    networkHour: price(c, 'networkHour', where),
    routerHour: price(c, 'routerHour', where),
  };
  if ((list.vcpuHour === undefined) !== (list.ramGiBHour === undefined)) {
    throw new InputError(
      `${where}: give both vcpuHour and ramGiBHour (a flavor is priced by both), or neither`,
    );
  }
  return Object.fromEntries(
    Object.entries(list).filter(([, v]) => v !== undefined),
  ) as OpenStackPriceList;
}

/**
 * Reads a cloud's `pricing` section: its currency, price list and overrides;
 * undefined when the cloud has none (its requests are then not priced).
 *
 * @public
 */
export function readPricing(
  cloud: Config,
  where: string,
): OpenStackPricing | undefined {
  const c = cloud.getOptionalConfig('pricing');
  if (!c) return undefined;
  const at = `${where}.pricing`;
  const currency = c.getString('currency');
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new InputError(
      `${at}.currency must be an ISO 4217 code of three capital letters, e.g. EUR, got '${currency}'`,
    );
  }
  const ck = c.getOptionalConfig('cloudkitty');
  const period = ck?.getOptionalNumber('periodSeconds') ?? 3600;
  if (!(Number.isInteger(period) && period > 0)) {
    throw new InputError(
      `${at}.cloudkitty.periodSeconds must be a whole number of seconds above 0, got ${period}`,
    );
  }
  const service = (key: string) =>
    ck?.getOptionalString(`services.${key}`)?.trim() || undefined;
  return {
    currency,
    ...(ck
      ? {
          cloudkitty: {
            periodSeconds: period,
            services: {
              server: service('server') ?? 'instance',
              volume: service('volume') ?? 'volume.size',
              floatingIp: service('floatingIp') ?? 'network.floating',
              loadBalancer: service('loadBalancer'),
              network: service('network'),
              router: service('router'),
            },
          },
        }
      : {}),
    prices: c.has('prices')
      ? readPriceList(c.getConfig('prices'), `${at}.prices`)
      : {},
    overrides: (c.getOptionalConfigArray('overrides') ?? []).map((o, i) => ({
      regions: o.getOptionalStringArray('regions'),
      projects: o.getOptionalStringArray('projects'),
      prices: readPriceList(
        o.getConfig('prices'),
        `${at}.overrides[${i}].prices`,
      ),
    })),
  };
}
