import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  OPENSTACK_RESOURCE_KINDS,
  OpenStackCloudSummary,
  OpenStackEntityResources,
  OpenStackLookup,
  OpenStackLookupItems,
  OpenStackLookupName,
  OpenStackQuotaHeadroomResponse,
  OpenStackResourceKind,
} from '@canopy-idp/plugin-openstack-common';
import {
  type MappedProject,
  type OpenStackPluginOptions,
  projectLabel,
} from '../config/types';
import { regionsOf } from '../keystone/token';
import {
  OpenStackConnections,
  type OpenStackConnectionHooks,
} from './OpenStackConnections';
import { CachedReader } from '../reading/CachedReader';
import { LookupReader } from '../reading/LookupReader';
import { QuotaReader } from '../reading/QuotaReader';
import { ResourceLister } from '../reading/ResourceLister';
import { ScopeResolver, Target } from '../reading/ScopeResolver';
import {
  ConfiguredCredentials,
  type CredentialSource,
} from '../tenancy/CredentialSource';
import { ProjectMap } from '../tenancy/ProjectMap';
import { CostEstimator } from '../cost/CostEstimator';
import { type CloudKittyResource, quotePrice } from '../cost/cloudKitty';
import { serviceBase } from '../keystone/regionApi';

export type { Target };

/**
 * Hooks for tests and benchmarks.
 *
 * @public
 */
export interface OpenStackServiceHooks extends OpenStackConnectionHooks {
  /** Where Keystone credentials come from; default: each project's configured one. */
  credentials?: CredentialSource;
  /**
   * The process's shared connections (`openStackProjectsServiceRef`); a
   * service of its own when not given (tests, benchmarks).
   */
  connections?: OpenStackConnections;
  /**
   * The process's one project map (`openStackProjectsServiceRef`); one of
   * its own, from `options.clouds`, when not given.
   */
  projects?: ProjectMap;
}

/**
 * What the plugin's routes and actions ask of OpenStack: the configured
 * clouds, an entity's resources, look-ups and quota headroom. It reads
 * through the process's shared connections (HTTP per cloud, the Keystone
 * session pool, the circuit breakers) with the plugin's cache, and the
 * listers built on them. Plugins get theirs from `openstackServiceRef`.
 *
 * @public
 */
export class OpenStackService {
  /** The clouds and the projects Canopy may read in each. */
  readonly projects: ProjectMap;
  /** The options this service reads with. */
  readonly readingOptions: OpenStackPluginOptions;
  /** The shared connections this service reads through. */
  readonly connections: OpenStackConnections;
  private readonly resolver: ScopeResolver;
  private readonly lister: ResourceLister;
  private readonly lookups: LookupReader;
  private readonly quotas: QuotaReader;
  /** Prices requests and what runs with the clouds' price lists. */
  readonly costs: CostEstimator;

  constructor(
    options: OpenStackPluginOptions,
    private readonly deps: {
      cache: CacheService;
      logger: LoggerService;
    } & OpenStackServiceHooks,
  ) {
    this.readingOptions = options;
    this.connections =
      deps.connections ?? new OpenStackConnections(options, deps);
    this.projects = deps.projects ?? new ProjectMap(options.clouds);
    const reader = new CachedReader(deps.cache, deps.logger, {
      staleTtlMs: options.staleTtlMs,
      now: this.connections.now,
      breakers: this.connections.breakers,
    });
    this.resolver = new ScopeResolver(
      options,
      this.projects,
      deps.credentials ?? new ConfiguredCredentials(),
      this.connections.pool,
      deps.cache,
      reader,
    );
    this.lister = new ResourceLister(this.resolver, reader, options);
    this.lookups = new LookupReader(this.resolver, reader, options);
    this.quotas = new QuotaReader(this.lister);
    this.costs = new CostEstimator(
      this,
      () => new Date(this.connections.now()),
    );
  }

  /**
   * The same reads with other reading options (cache lifetimes, the most
   * items per kind), through the same connections: for a reader with other
   * needs in the same plugin, such as the catalog's inventory.
   */
  withOptions(overrides: Partial<OpenStackPluginOptions>): OpenStackService {
    return new OpenStackService(
      { ...this.readingOptions, ...overrides },
      {
        ...this.deps,
        connections: this.connections,
        projects: overrides.clouds ? undefined : this.projects,
      },
    );
  }

  /** Sessions and remembered authentication failures held now. */
  sessionStats() {
    return this.connections.sessionStats();
  }

  /**
   * The clouds in which the caller may use projects, with those projects and
   * the regions: the configured ones, or else those of the Keystone service
   * catalog seen with the first project's credential (empty when Keystone
   * cannot be reached). Never credentials.
   */
  async listClouds(
    allowed: Map<string, MappedProject[]>,
  ): Promise<OpenStackCloudSummary[]> {
    const clouds = this.projects
      .all()
      .filter(c => (allowed.get(c.name) ?? []).length);
    return Promise.all(
      clouds.map(async c => {
        const projects = allowed.get(c.name)!;
        let regions = c.regions ?? [];
        if (!regions.length) {
          try {
            const { token } = await this.resolver.session(c, projects[0]);
            regions = regionsOf(token);
          } catch (error) {
            this.deps.logger.warn(
              `Cannot list the regions of cloud '${c.name}': ${
                (error as Error).message
              }`,
            );
          }
        }
        const summary: OpenStackCloudSummary = {
          name: c.name,
          regions,
          projects: projects.map(p => ({ name: projectLabel(p) })),
        };
        if (c.horizonUrl) summary.horizonUrl = c.horizonUrl;
        return summary;
      }),
    );
  }

  /**
   * The resources carrying every tag of `target.tags`, the quota usage, and
   * what they cost now (`includeRunRate`, when the cloud has pricing).
   */
  async listResources(
    entityRef: string,
    target: Target,
    kinds: readonly OpenStackResourceKind[] = OPENSTACK_RESOURCE_KINDS,
    includeQuotas = true,
    includeRunRate = true,
  ): Promise<OpenStackEntityResources> {
    const listing = await this.lister.list(
      entityRef,
      target,
      kinds,
      includeQuotas,
    );
    for (const s of listing.sources) {
      if (s.status === 'error' || s.status === 'timeout') {
        this.deps.logger.warn(
          `OpenStack source ${s.cloud}/${s.region}/${s.service} ${s.status}: ${s.message}`,
        );
      }
    }
    if (!includeRunRate) return listing;
    const runRate = await this.costs.runRate(target, listing.resources);
    return runRate ? { ...listing, runRate } : listing;
  }

  /**
   * CloudKitty's price of `resources` for one collect period: its v1 quote
   * call (`POST /v1/rating/quote`) at the region's `rating` endpoint, with
   * the project's token. Never retried (a POST); fails on any error.
   */
  async quote(
    target: { cloud: string; region: string; project: MappedProject },
    resources: CloudKittyResource[],
  ): Promise<number> {
    const cloud = this.projects.cloud(target.cloud);
    const { session } = await this.resolver.session(cloud, target.project);
    const res = await session.post(
      serviceBase(cloud, 'rating', target.region),
      '/rating/quote',
      `rating quote in ${target.region}`,
      { resources },
    );
    return quotePrice(res.body);
  }

  /** A form look-up (flavors, images, networks, ...) in one region. */
  lookup<L extends OpenStackLookupName>(
    name: L,
    target: Omit<Target, 'tags'> & { region: string },
  ): Promise<OpenStackLookup<OpenStackLookupItems[L]>> {
    return this.lookups.lookup(name, target);
  }

  /** Remaining quota per service in one region: limit - inUse - reserved (null: unlimited). */
  quotaHeadroom(
    target: Omit<Target, 'tags'> & { region: string },
  ): Promise<OpenStackQuotaHeadroomResponse> {
    return this.quotas.headroom(target);
  }
}
