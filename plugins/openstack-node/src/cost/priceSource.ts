/**
 * Which price source prices a spec in a region: the cloud's CloudKitty when
 * it has one (falling back to the price list, with a warning, when it does
 * not answer), else its price list.
 */
import type { OpenStackCostSource } from '@canopy-idp/plugin-openstack-common';
import { projectLabel } from '../config/types';
import { type CloudKittyResource, estimateWithCloudKitty } from './cloudKitty';
import type { MappedProject } from '../config/types';
import {
  estimateCost,
  type OpenStackCostFigures,
  type OpenStackCostSpec,
} from './estimate';
import { priceListFor, type OpenStackPricing } from './priceList';

/**
 * Where a request is priced: a region of one mapped project.
 *
 * @public
 */
export interface CostTarget {
  cloud: string;
  region: string;
  project: MappedProject;
}

/** The configured price source of a cloud, as estimates name it. */
export function describeSource(
  cloud: string,
  pricing: OpenStackPricing,
  region?: string,
) {
  return pricing.cloudkitty
    ? `CloudKitty of cloud '${cloud}'${
        region ? ` in ${region}` : ''
      } (v1 API: POST /v1/rating/quote; a quote is for ${
        pricing.cloudkitty.periodSeconds
      } s)`
    : `the price list of cloud '${cloud}' (openstack.clouds[].pricing)`;
}

/**
 * Prices a spec in one region: with the cloud's CloudKitty when it has
 * one, else with its price list. When CloudKitty does not answer, the
 * price list prices instead, or nothing is priced without one; the source
 * carries a warning saying so, never a silent number.
 */
export async function priceSpec(
  target: CostTarget,
  pricing: OpenStackPricing,
  spec: OpenStackCostSpec,
  at: string,
  quote: (
    target: CostTarget,
    resources: CloudKittyResource[],
  ) => Promise<number>,
): Promise<{ figures: OpenStackCostFigures; source: OpenStackCostSource }> {
  const fromList = () =>
    estimateCost(
      spec,
      priceListFor(pricing, {
        region: target.region,
        project: projectLabel(target.project),
      }),
    );
  if (!pricing.cloudkitty) {
    return {
      figures: fromList(),
      source: {
        kind: 'priceList',
        detail: describeSource(target.cloud, pricing),
        at,
      },
    };
  }
  try {
    return {
      figures: await estimateWithCloudKitty(
        spec,
        pricing.cloudkitty,
        resources => quote(target, resources),
      ),
      source: {
        kind: 'cloudkitty',
        detail: describeSource(target.cloud, pricing, target.region),
        at,
      },
    };
  } catch (error) {
    const why = `CloudKitty of cloud '${target.cloud}' in ${
      target.region
    } did not answer (${(error as Error).message})`;
    if (Object.keys(pricing.prices).length || pricing.overrides.length) {
      return {
        figures: fromList(),
        source: {
          kind: 'priceList',
          detail: `the price list of cloud '${target.cloud}' (openstack.clouds[].pricing.prices)`,
          at,
          warning: `${why}: priced from the price list instead, which may differ from what CloudKitty bills`,
        },
      };
    }
    return {
      figures: {
        items: [],
        unpriced: [{ item: 'everything', reason: why }],
        hourly: 0,
        monthly: 0,
      },
      source: {
        kind: 'none',
        detail: why,
        at,
        warning: `${why}, and the cloud has no price list to fall back on: nothing is priced`,
      },
    };
  }
}
