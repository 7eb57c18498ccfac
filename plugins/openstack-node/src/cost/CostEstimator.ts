import { ServiceUnavailableError } from '@backstage/errors';
import { withFlavors } from '@canopy-idp/plugin-openstack-common';
import type {
  OpenStackCostBudget,
  OpenStackCostEstimate,
  OpenStackCostRequest,
  OpenStackCostSource,
  OpenStackEntityResources,
  OpenStackFlavor,
  OpenStackLookup,
  OpenStackProjectRunRate,
  OpenStackResourceKind,
  OpenStackRunRate,
  OpenStackSourceStatus,
} from '@canopy-idp/plugin-openstack-common';
import { projectLabel, type MappedProject } from '../config/types';
import type { Target } from '../reading/ScopeResolver';
import type { ProjectMap } from '../tenancy/ProjectMap';
import type { CloudKittyResource } from './cloudKitty';
import { type CostTarget, describeSource, priceSpec } from './priceSource';

export type { CostTarget } from './priceSource';
import { costSpecsOf } from './costSpecs';
import { HOURS_PER_MONTH, type OpenStackCostSpec } from './estimate';

const toMicros = (amount: number) => Math.round(amount * 1_000_000);

/** The kinds a run-rate prices. */
const PRICED_KINDS = [
  'servers',
  'volumes',
  'floatingIps',
  'loadBalancers',
] as const;

function failures(sources: OpenStackSourceStatus[]): string[] {
  return sources
    .filter(s => s.status !== 'ok')
    .map(
      s =>
        `${s.region}/${s.service} ${s.status}${
          s.message ? `: ${s.message}` : ''
        }`,
    );
}

/**
 * What the estimator reads, through the OpenStack service: the project map
 * (pricing, budgets), a region's flavors and a project's resources.
 *
 * @public
 */
export interface CostReads {
  readonly projects: Pick<ProjectMap, 'cloud'>;
  lookup(
    name: 'flavors',
    target: { cloud: string; region: string; project: MappedProject },
  ): Promise<OpenStackLookup<OpenStackFlavor>>;
  listResources(
    entityRef: string,
    target: Target,
    kinds: readonly OpenStackResourceKind[],
    includeQuotas: boolean,
  ): Promise<OpenStackEntityResources>;
  /** CloudKitty's price of resources for one collect period, in a region, as the project. */
  quote(target: CostTarget, resources: CloudKittyResource[]): Promise<number>;
}

/**
 * Prices requests and what runs with a cloud's configured price list, and
 * checks a request against its project's monthly budget.
 *
 * @public
 */
export class CostEstimator {
  constructor(
    private readonly service: CostReads,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private readonly quote = (
    target: CostTarget,
    resources: CloudKittyResource[],
  ) => this.service.quote(target, resources);

  /** Prices a request in one region of a project, with the project's budget. */
  async estimate(
    target: CostTarget,
    request: OpenStackCostRequest,
  ): Promise<OpenStackCostEstimate> {
    const where = `${target.cloud} / ${target.region} / ${projectLabel(
      target.project,
    )}`;
    const pricing = this.service.projects.cloud(target.cloud).pricing;
    const at = this.now().toISOString();
    if (!pricing) {
      return {
        currency: '',
        hourly: 0,
        monthly: 0,
        items: [],
        unpriced: [
          {
            item: 'the request',
            reason: `cloud '${target.cloud}' has no pricing configured (openstack.clouds[].pricing)`,
          },
        ],
        source: {
          kind: 'none',
          detail: `cloud '${target.cloud}' has no pricing`,
          at,
        },
      };
    }
    const flavors = request.servers?.length
      ? await this.flavors(target, where)
      : [];
    const spec: OpenStackCostSpec = {
      servers: withFlavors(request.servers ?? [], flavors, where),
      volumes: request.volumes,
      floatingIps: request.floatingIps,
      loadBalancers: request.loadBalancers,
      networks: request.networks,
      routers: request.routers,
    };
    const { figures, source } = await priceSpec(
      target,
      pricing,
      spec,
      at,
      this.quote,
    );
    if (source.kind === 'none' && target.project.monthlyBudget !== undefined) {
      // Deny by default: a budget that cannot be checked is not met.
      throw new ServiceUnavailableError(
        `Cannot price the request in ${where} to check its monthly budget: ${source.warning}`,
      );
    }
    const estimate: OpenStackCostEstimate = {
      currency: pricing.currency,
      ...figures,
      source,
    };
    if (target.project.monthlyBudget !== undefined) {
      estimate.budget = await this.budget(
        target,
        figures.monthly,
        request,
        where,
      );
    }
    return estimate;
  }

  /**
   * What the resources that run now cost, per the cloud's price source
   * (each region priced in that region); undefined without pricing.
   */
  async runRate(
    target: { cloud: string; project: MappedProject },
    resources: OpenStackEntityResources['resources'],
  ): Promise<OpenStackRunRate | undefined> {
    const pricing = this.service.projects.cloud(target.cloud).pricing;
    if (!pricing) return undefined;
    const at = this.now().toISOString();
    let micros = 0;
    const unpriced: string[] = [];
    const sources: OpenStackCostSource[] = [];
    for (const [region, spec] of costSpecsOf(resources)) {
      const { figures, source } = await priceSpec(
        { ...target, region },
        pricing,
        spec,
        at,
        this.quote,
      );
      micros += toMicros(figures.monthly);
      unpriced.push(
        ...figures.unpriced.map(u => `${u.item} in ${region}: ${u.reason}`),
      );
      sources.push(source);
    }
    const warnings = sources.flatMap(s => (s.warning ? [s.warning] : []));
    return {
      currency: pricing.currency,
      hourly: micros / HOURS_PER_MONTH / 1_000_000,
      monthly: micros / 1_000_000,
      unpriced,
      source: {
        // The weakest source of any region: none, else the price list a
        // CloudKitty that did not answer fell back to, else the configured one.
        kind: sources.some(x => x.kind === 'none')
          ? 'none'
          : sources.find(x => x.warning)?.kind ??
            (pricing.cloudkitty ? 'cloudkitty' : 'priceList'),
        detail:
          [...new Set(sources.map(s => s.detail))].join('; ') ||
          describeSource(target.cloud, pricing),
        at,
        ...(warnings.length ? { warning: warnings.join('; ') } : {}),
      },
    };
  }

  /**
   * What a whole project costs now, in every region of the cloud: the figure
   * of the catalog's project System. Without pricing, nothing is read.
   */
  async projectRunRate(target: {
    cloud: string;
    project: MappedProject;
  }): Promise<OpenStackProjectRunRate> {
    const answer = {
      cloud: target.cloud,
      project: projectLabel(target.project),
    };
    if (!this.service.projects.cloud(target.cloud).pricing) {
      return { ...answer, sources: [] };
    }
    const listing = await this.projectListing(target);
    return { ...answer, runRate: listing.runRate, sources: listing.sources };
  }

  /** Every priced resource of a project, in every region, without quotas. */
  private projectListing(target: { cloud: string; project: MappedProject }) {
    return this.service.listResources(
      `openstack-project:${target.cloud}/${projectLabel(target.project)}`,
      { cloud: target.cloud, project: target.project, tags: [] },
      PRICED_KINDS,
      false,
    );
  }

  private async flavors(
    target: CostTarget,
    where: string,
  ): Promise<OpenStackFlavor[]> {
    const lookup = await this.service.lookup('flavors', target);
    const failed = failures(lookup.sources);
    if (failed.length) {
      throw new ServiceUnavailableError(
        `Cannot read the flavors of ${where} to price the request: ${failed.join(
          '; ',
        )}`,
      );
    }
    return lookup.items;
  }

  private async budget(
    target: CostTarget,
    monthly: number,
    request: OpenStackCostRequest,
    where: string,
  ): Promise<OpenStackCostBudget> {
    const listing = await this.projectListing(target);
    const failed = failures(listing.sources);
    if (failed.length) {
      // Deny by default: a budget that cannot be checked is not met.
      throw new ServiceUnavailableError(
        `Cannot read the resources of ${where} to check its monthly budget: ${failed.join(
          '; ',
        )}`,
      );
    }
    const run = listing.runRate!;
    if (run.source?.kind === 'none') {
      throw new ServiceUnavailableError(
        `Cannot price the resources of ${where} to check its monthly budget: ${run.source.warning}`,
      );
    }
    const budget = target.project.monthlyBudget!;
    // In millionths, as the estimates are: exact sums and differences.
    const afterRequest = toMicros(run.monthly) + toMicros(monthly);
    const exceededBy = Math.max(0, afterRequest - toMicros(budget));
    return {
      monthly: budget,
      runRate: run.monthly,
      afterRequest: afterRequest / 1_000_000,
      exceededBy: exceededBy / 1_000_000,
      overridden: exceededBy > 0 && Boolean(request.overrideReason?.trim()),
      ...(run.unpriced.length ? { unpriced: run.unpriced } : {}),
    };
  }
}
