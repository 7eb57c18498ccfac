import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type { JsonValue } from '@backstage/types';
import {
  OPENSTACK_RESOURCE_KINDS,
  OpenStackCloudSummary,
  OpenStackEntityResources,
  OpenStackLookup,
  OpenStackQuotaHeadroom,
  OpenStackQuotaUsage,
  OpenStackResourceKind,
  OpenStackResources,
  OpenStackServiceType,
  OpenStackSourceStatus,
} from '@canopy-idp/plugin-openstack-common';
import { CloudConfig, OpenStackPluginOptions, secretsOf } from './config';
import { HttpClient, UpstreamError } from './http';
import { KeystoneSession, parseProjectRef, ScopeError } from './keystone';
import {
  computeQuota,
  KIND_READERS,
  KIND_SERVICE,
  listAvailabilityZones,
  listExternalNetworks,
  listFlavors,
  listImages,
  listKeyPairs,
  listUsableNetworks,
  ListResult,
  networkQuota,
  ReadContext,
  ServiceUnavailableError,
  volumeQuota,
} from './readers';

/** What a request asks about: a cloud, a project, regions and a tag selector. */
export interface Target {
  cloud: string;
  project?: string;
  regions?: string[];
  tags: string[];
}

export type LookupName =
  | 'flavors'
  | 'images'
  | 'networks'
  | 'external-networks'
  | 'availability-zones'
  | 'key-pairs';

const LOOKUPS: Record<
  LookupName,
  {
    service: OpenStackServiceType;
    read: (ctx: ReadContext) => Promise<ListResult<any>>;
  }
> = {
  flavors: { service: 'compute', read: listFlavors },
  images: { service: 'image', read: listImages },
  networks: { service: 'network', read: listUsableNetworks },
  'external-networks': { service: 'network', read: listExternalNetworks },
  'availability-zones': { service: 'compute', read: listAvailabilityZones },
  'key-pairs': { service: 'compute', read: listKeyPairs },
};

const QUOTA_READERS = {
  compute: { service: 'compute' as const, read: computeQuota },
  network: { service: 'network' as const, read: networkQuota },
  volume: { service: 'volumev3' as const, read: volumeQuota },
};

interface Outcome<T> {
  value?: T;
  status: OpenStackSourceStatus['status'];
  message?: string;
  cached: boolean;
}

function emptyResources(): OpenStackResources {
  return {
    servers: [],
    volumes: [],
    networks: [],
    subnets: [],
    routers: [],
    ports: [],
    floatingIps: [],
    securityGroups: [],
    loadBalancers: [],
  };
}

const WORST: Record<OpenStackSourceStatus['status'], number> = {
  ok: 0,
  unavailable: 1,
  error: 2,
  timeout: 3,
};

/**
 * Reads OpenStack for the plugin's routes and actions. Every (cloud, region,
 * service) source is read in parallel and reports its own status; answers are
 * cached through Backstage's cache service, and identical reads in flight share
 * one upstream call.
 */
export class OpenStackService {
  private readonly clouds = new Map<string, CloudConfig>();
  private readonly sessions = new Map<string, KeystoneSession>();
  private readonly http = new Map<string, HttpClient>();
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly secrets: string[];

  constructor(
    private readonly options: OpenStackPluginOptions,
    private readonly deps: {
      cache: CacheService;
      logger: LoggerService;
      /** Test and benchmark hooks. */
      now?: () => number;
      onUpstreamCall?: (what: string) => void;
    },
  ) {
    for (const cloud of options.clouds) this.clouds.set(cloud.name, cloud);
    this.secrets = secretsOf(options);
  }

  /** Configured cloud names, without touching the network. */
  cloudNames(): string[] {
    return this.options.clouds.map(c => c.name);
  }

  /**
   * Configured clouds with their regions: the configured ones, or else the
   * regions of the Keystone service catalog (empty when Keystone cannot be
   * reached). Never credentials.
   */
  async listClouds(): Promise<OpenStackCloudSummary[]> {
    return Promise.all(
      this.options.clouds.map(async c => {
        let regions = c.regions ?? [];
        if (!regions.length) {
          try {
            regions = KeystoneSession.regionsOf(
              await this.session(c).getToken(),
            );
          } catch (error) {
            this.deps.logger.warn(
              `Cannot list the regions of cloud '${c.name}': ${
                (error as Error).message
              }`,
            );
          }
        }
        return { name: c.name, regions, horizonUrl: c.horizonUrl };
      }),
    );
  }

  private cloud(name: string): CloudConfig {
    const cloud = this.clouds.get(name);
    if (!cloud) {
      throw new NotFoundError(
        `No OpenStack cloud named '${name}' is configured (configured: ${
          [...this.clouds.keys()].join(', ') || 'none'
        })`,
      );
    }
    return cloud;
  }

  private session(cloud: CloudConfig, project?: string): KeystoneSession {
    // An application credential has one fixed scope: one session per cloud.
    const key = `${cloud.name}|${
      cloud.auth.type === 'applicationCredential' ? '' : project ?? ''
    }`;
    let session = this.sessions.get(key);
    if (!session) {
      let http = this.http.get(cloud.name);
      if (!http) {
        http = new HttpClient({
          timeoutMs: this.options.requestTimeoutMs,
          retries: this.options.retries,
          secrets: this.secrets,
          caFile: cloud.caFile,
        });
        this.http.set(cloud.name, http);
      }
      session = new KeystoneSession(cloud, parseProjectRef(project), http, {
        refreshMarginMs: this.options.tokenRefreshMarginMs,
        now: this.deps.now,
        onUpstreamCall: this.deps.onUpstreamCall,
      });
      this.sessions.set(key, session);
    }
    return session;
  }

  /** Cached read shared by identical concurrent callers. */
  private async cached<T extends JsonValue>(
    key: string,
    ttlMs: number,
    read: () => Promise<T>,
  ): Promise<{ value: T; cached: boolean }> {
    const hit =
      ttlMs > 0
        ? ((await this.deps.cache.get(key)) as T | undefined)
        : undefined;
    if (hit !== undefined) return { value: hit, cached: true };
    let pending = this.inFlight.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = read()
        .then(async value => {
          if (ttlMs > 0) await this.deps.cache.set(key, value, { ttl: ttlMs });
          return value;
        })
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return { value: await pending, cached: false };
  }

  private async attempt<T extends JsonValue>(
    key: string,
    ttlMs: number,
    read: () => Promise<T>,
  ): Promise<Outcome<T>> {
    try {
      const { value, cached } = await this.cached(key, ttlMs, read);
      return { value, status: 'ok', cached };
    } catch (error) {
      if (error instanceof ServiceUnavailableError) {
        return { status: 'unavailable', message: error.message, cached: false };
      }
      if (error instanceof UpstreamError) {
        return { status: error.kind, message: error.message, cached: false };
      }
      if (error instanceof ScopeError) {
        return { status: 'error', message: error.message, cached: false };
      }
      this.deps.logger.error(
        `Unexpected error reading OpenStack: ${(error as Error).message}`,
      );
      return {
        status: 'error',
        message: 'unexpected error; see the backend log',
        cached: false,
      };
    }
  }

  /** Token, project id and regions for a target; errors become thrown ScopeError/UpstreamError. */
  private async resolve(target: Target) {
    const cloud = this.cloud(target.cloud);
    const session = this.session(cloud, target.project);
    const token = await session.getToken();
    const wanted = parseProjectRef(target.project);
    if (
      wanted &&
      cloud.auth.type === 'applicationCredential' &&
      wanted.id !== token.project.id &&
      wanted.name !== token.project.name
    ) {
      throw new ScopeError(
        `cloud '${cloud.name}': the application credential is scoped to project '${token.project.name}', not '${target.project}'`,
      );
    }
    let regions = KeystoneSession.regionsOf(token);
    if (target.regions?.length) regions = target.regions;
    else if (cloud.regions?.length) regions = cloud.regions;
    return { cloud, session, projectId: token.project.id, regions };
  }

  private ctx(
    session: KeystoneSession,
    region: string,
    projectId: string,
  ): ReadContext {
    return {
      session,
      region,
      projectId,
      pageSize: this.options.pageSize,
      maxItems: this.options.maxItemsPerKind,
    };
  }

  /** Sources that failed before any service could be asked (Keystone down, bad scope). */
  private failedResolve(
    target: Target,
    error: unknown,
    kinds: string[],
  ): OpenStackSourceStatus {
    const status = error instanceof UpstreamError ? error.kind : 'error';
    const message =
      error instanceof UpstreamError || error instanceof ScopeError
        ? error.message
        : 'unexpected error; see the backend log';
    if (!(error instanceof UpstreamError || error instanceof ScopeError)) {
      this.deps.logger.error(
        `OpenStack authentication failed: ${(error as Error).message}`,
      );
    }
    return {
      cloud: target.cloud,
      region: '*',
      service: 'identity',
      status,
      message,
      kinds,
      durationMs: 0,
    };
  }

  /** Lists the resources carrying every tag of `target.tags`, and the quota usage. */
  async listResources(
    entityRef: string,
    target: Target,
    kinds: readonly OpenStackResourceKind[] = OPENSTACK_RESOURCE_KINDS,
    includeQuotas = true,
  ): Promise<OpenStackEntityResources> {
    const cloud = this.cloud(target.cloud);
    const result: OpenStackEntityResources = {
      entityRef,
      cloud: cloud.name,
      project: target.project ?? '',
      regions: [],
      tags: target.tags,
      resources: emptyResources(),
      quotas: [],
      truncated: [],
      sources: [],
      horizonUrl: cloud.horizonUrl,
    };
    let resolved;
    try {
      resolved = await this.resolve(target);
    } catch (error) {
      if (error instanceof NotFoundError) throw error;
      result.sources.push(this.failedResolve(target, error, [...kinds]));
      return result;
    }
    const { session, projectId, regions } = resolved;
    result.regions = regions;
    result.project = target.project ?? projectId;
    const selector = [...target.tags].sort().join(',');

    const jobs: Array<Promise<void>> = [];
    for (const region of regions) {
      const ctx = this.ctx(session, region, projectId);
      const perService = new Map<
        OpenStackServiceType,
        Array<{ kind: string; run: () => Promise<Outcome<any>> }>
      >();
      const add = (
        service: OpenStackServiceType,
        kind: string,
        run: () => Promise<Outcome<any>>,
      ) => {
        const list = perService.get(service) ?? [];
        list.push({ kind, run });
        perService.set(service, list);
      };
      for (const kind of kinds) {
        add(KIND_SERVICE[kind], kind, async () => {
          const out = await this.attempt(
            `openstack:v1:${cloud.name}:${region}:${projectId}:${kind}:${selector}`,
            this.options.resourcesTtlMs,
            () => KIND_READERS[kind](ctx, target.tags) as Promise<any>,
          );
          if (out.value) {
            (result.resources[kind] as unknown[]).push(...out.value.items);
            if (out.value.truncated && !result.truncated.includes(kind))
              result.truncated.push(kind);
          }
          return out;
        });
      }
      const quota: OpenStackQuotaUsage = { region };
      if (includeQuotas) {
        result.quotas.push(quota);
        for (const [name, q] of Object.entries(QUOTA_READERS) as Array<
          [keyof typeof QUOTA_READERS, (typeof QUOTA_READERS)['compute']]
        >) {
          add(q.service, 'quotas', async () => {
            const out = await this.attempt(
              `openstack:v1:${cloud.name}:${region}:${projectId}:quota:${name}`,
              this.options.resourcesTtlMs,
              () => q.read(ctx) as Promise<any>,
            );
            if (out.value) quota[name] = out.value;
            return out;
          });
        }
      }
      for (const [service, tasks] of perService) {
        jobs.push(
          (async () => {
            const started = Date.now();
            const outcomes = await Promise.all(tasks.map(t => t.run()));
            const worst = outcomes.reduce((a, b) =>
              WORST[b.status] > WORST[a.status] ? b : a,
            );
            const status: OpenStackSourceStatus = {
              cloud: cloud.name,
              region,
              service,
              status: worst.status,
              kinds: [...new Set(tasks.map(t => t.kind))],
              durationMs: Date.now() - started,
              cached: outcomes.every(o => o.cached),
            };
            if (worst.message) status.message = worst.message;
            if (worst.status === 'error' || worst.status === 'timeout') {
              this.deps.logger.warn(
                `OpenStack source ${cloud.name}/${region}/${service} ${worst.status}: ${worst.message}`,
              );
            }
            result.sources.push(status);
          })(),
        );
      }
    }
    await Promise.all(jobs);
    result.sources.sort(
      (a, b) =>
        a.region.localeCompare(b.region) || a.service.localeCompare(b.service),
    );
    for (const kind of kinds) {
      (result.resources[kind] as Array<{ name?: string; id: string }>).sort(
        (a, b) =>
          (a.name ?? '').localeCompare(b.name ?? '') ||
          a.id.localeCompare(b.id),
      );
    }
    return result;
  }

  /** A form look-up (flavors, images, networks, ...) in one region. */
  async lookup(
    name: LookupName,
    target: Omit<Target, 'tags'> & { region: string },
  ): Promise<OpenStackLookup<any>> {
    const spec = LOOKUPS[name];
    if (!spec) throw new InputError(`Unknown look-up '${name}'`);
    let resolved;
    try {
      resolved = await this.resolve({
        ...target,
        regions: [target.region],
        tags: [],
      });
    } catch (error) {
      if (error instanceof NotFoundError) throw error;
      return {
        items: [],
        truncated: false,
        sources: [this.failedResolve({ ...target, tags: [] }, error, [name])],
      };
    }
    const { cloud, session, projectId } = resolved;
    const started = Date.now();
    const out = await this.attempt(
      `openstack:v1:${cloud.name}:${target.region}:${projectId}:lookup:${name}`,
      this.options.lookupsTtlMs,
      () =>
        spec.read(this.ctx(session, target.region, projectId)) as Promise<any>,
    );
    const source: OpenStackSourceStatus = {
      cloud: cloud.name,
      region: target.region,
      service: spec.service,
      status: out.status,
      kinds: [name],
      durationMs: Date.now() - started,
      cached: out.cached,
    };
    if (out.message) source.message = out.message;
    return {
      items: out.value?.items ?? [],
      truncated: out.value?.truncated ?? false,
      sources: [source],
    };
  }

  /** Remaining quota per service in one region: limit - inUse - reserved (null: unlimited). */
  async quotaHeadroom(
    target: Omit<Target, 'tags'> & { region: string },
  ): Promise<{
    headroom: OpenStackQuotaHeadroom;
    sources: OpenStackSourceStatus[];
  }> {
    const listing = await this.listResources(
      '',
      { ...target, regions: [target.region], tags: [] },
      [],
      true,
    );
    const usage = listing.quotas[0] ?? { region: target.region };
    const left = (
      set?: Record<string, { limit: number; inUse: number; reserved: number }>,
    ) => {
      const out: Record<string, number | null> = {};
      for (const [k, q] of Object.entries(set ?? {})) {
        out[k] = q.limit < 0 ? null : q.limit - q.inUse - q.reserved;
      }
      return out;
    };
    return {
      headroom: {
        region: target.region,
        compute: left(usage.compute),
        network: left(usage.network),
        volume: left(usage.volume),
        usage,
      },
      sources: listing.sources,
    };
  }
}
