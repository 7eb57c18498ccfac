import { breakerKey } from './CircuitBreaker';
import { NotFoundError } from '@backstage/errors';
import type { JsonValue } from '@backstage/types';
import type {
  OpenStackEntityResources,
  OpenStackResourceKind,
  OpenStackServiceType,
  OpenStackSourceStatus,
} from '@canopy-idp/plugin-openstack-common';
import { projectLabel } from '../config/types';
import { ServiceUnavailableError } from '../http/errors';
import type { ListResult, RegionApi } from '../openstack/api';
import { KIND_SOURCES, QUOTA_SOURCES } from '../openstack/sources';
import type { CachedReader, Outcome } from './CachedReader';
import { failedScope } from './failedScope';
import type { ScopeResolver, Target } from './ScopeResolver';
import { mergeQuotas, mergeResources, Read } from './mergeListing';
import { bySource, sourceStatus } from './sourceStatus';

type QuotaSetName = keyof typeof QUOTA_SOURCES;

/** How to get one read's outcome: ask the service, or (Keystone down) the stale cache. */
type Fetch = <T extends JsonValue>(
  region: string,
  service: OpenStackServiceType,
  key: string,
  read: (api: RegionApi) => Promise<T>,
) => Promise<Outcome<T>>;

export interface ListingOptions {
  resourcesTtlMs: number;
}

/**
 * Lists the resources behind a target: every (region, kind) and quota set is
 * read in parallel through the cached reader, each (region, service) source
 * reports its own status, and the answers are merged into one listing
 * without shared mutable state. When Keystone fails, the last good answers
 * of the last resolved scope are served, marked stale.
 */
export class ResourceLister {
  constructor(
    private readonly resolver: ScopeResolver,
    private readonly reader: CachedReader,
    private readonly options: ListingOptions,
  ) {}

  async list(
    entityRef: string,
    target: Target,
    kinds: readonly OpenStackResourceKind[],
    includeQuotas: boolean,
  ): Promise<OpenStackEntityResources> {
    const cloud = this.resolver.cloud(target.cloud);
    const only = target.resource;
    const asked = only ? kinds.filter(k => k === only.kind) : kinds;
    const { head, reads, sources } = await this.collect(
      target,
      asked,
      includeQuotas,
    );
    const out: OpenStackEntityResources = {
      entityRef,
      cloud: cloud.name,
      ...head,
      tags: target.tags,
      resources: only
        ? onlyResource(mergeResources(reads), only.id)
        : mergeResources(reads),
      quotas: mergeQuotas(reads),
      truncated: asked.filter(kind =>
        reads.some(
          r => 'kind' in r && r.kind === kind && r.outcome.value?.truncated,
        ),
      ),
      sources: [...sources].sort(bySource),
    };
    if (cloud.horizonUrl) out.horizonUrl = cloud.horizonUrl;
    return out;
  }

  /** The project's quota usage in the target's regions, and the sources read. */
  async quotaUsage(target: Target) {
    const { reads, sources } = await this.collect(target, [], true);
    return { quotas: mergeQuotas(reads), sources: [...sources].sort(bySource) };
  }

  /** Resolves the target and reads everything asked; stale answers when Keystone fails. */
  private async collect(
    target: Target,
    kinds: readonly OpenStackResourceKind[],
    includeQuotas: boolean,
  ) {
    let scope;
    try {
      scope = await this.resolver.resolve(target);
    } catch (error) {
      if (error instanceof NotFoundError) throw error;
      const failure = failedScope(target, error, [...kinds]);
      const remembered = await this.resolver.remembered(target);
      const fetch: Fetch = (_region, _service, key) =>
        this.reader.fallBack(key, failure.breaker);
      const stale = remembered
        ? await this.readAll(
            remembered.projectId,
            remembered.regions,
            target,
            kinds,
            includeQuotas,
            fetch,
          )
        : { reads: [], sources: [] };
      return {
        head: {
          project: projectLabel(target.project),
          regions: remembered?.regions ?? [],
        },
        reads: stale.reads,
        sources: [failure.source, ...stale.sources],
      };
    }
    const resolved = scope;
    const fetch: Fetch = async (region, service, key, read) =>
      !resolved.known.has(region)
        ? {
            status: 'unavailable',
            message: new ServiceUnavailableError(service, region).message,
            cached: false,
          }
        : this.reader.read(
            breakerKey(target, region, service),
            key,
            this.options.resourcesTtlMs,
            () => read(resolved.api(region)),
          );
    const { reads, sources } = await this.readAll(
      scope.projectId,
      scope.regions,
      target,
      kinds,
      includeQuotas,
      fetch,
    );
    return {
      head: {
        project: projectLabel(target.project),
        regions: scope.regions,
      },
      reads,
      sources,
    };
  }

  /** Every read of the listing, grouped by (region, service) for the source statuses. */
  private async readAll(
    projectId: string,
    regions: string[],
    target: Target,
    kinds: readonly OpenStackResourceKind[],
    includeQuotas: boolean,
    fetch: Fetch,
  ) {
    const selector = [...target.tags].sort().join(',');
    const groups = new Map<
      string,
      {
        region: string;
        service: OpenStackServiceType;
        names: string[];
        runs: Array<() => Promise<Read>>;
      }
    >();
    const add = (
      region: string,
      service: OpenStackServiceType,
      name: string,
      run: () => Promise<Read>,
    ) => {
      const id = `${region}\u0000${service}`;
      const group = groups.get(id) ?? { region, service, names: [], runs: [] };
      group.names.push(name);
      group.runs.push(run);
      groups.set(id, group);
    };
    for (const region of regions) {
      const prefix = `openstack:v2:${target.cloud}:${projectId}:${region}`;
      for (const kind of kinds) {
        const { service, read } = KIND_SOURCES[kind];
        add(region, service, kind, async () => ({
          region,
          kind,
          outcome: (await fetch(
            region,
            service,
            `${prefix}:${kind}:${selector}`,
            api =>
              read(api, target.tags) as Promise<
                ListResult<unknown> & JsonValue
              >,
          )) as Outcome<ListResult<unknown>>,
        }));
      }
      if (!includeQuotas) continue;
      for (const quota of Object.keys(QUOTA_SOURCES) as QuotaSetName[]) {
        const { service, read } = QUOTA_SOURCES[quota];
        add(region, service, 'quotas', async () => ({
          region,
          quota,
          outcome: await fetch(
            region,
            service,
            `${prefix}:quota:${quota}`,
            read,
          ),
        }));
      }
    }
    const results = await Promise.all(
      [...groups.values()].map(async group => {
        const started = Date.now();
        const reads = await Promise.all(group.runs.map(run => run()));
        const source: OpenStackSourceStatus = sourceStatus({
          cloud: target.cloud,
          region: group.region,
          service: group.service,
          kinds: group.names,
          outcomes: reads.map(r => r.outcome),
          durationMs: Date.now() - started,
        });
        return { reads, source };
      }),
    );
    return {
      reads: results.flatMap(r => r.reads),
      sources: results.map(r => r.source),
    };
  }
}

/** The listing cut down to the one resource with this id. */
function onlyResource(
  resources: OpenStackEntityResources['resources'],
  id: string,
): OpenStackEntityResources['resources'] {
  return Object.fromEntries(
    Object.entries(resources).map(([kind, items]) => [
      kind,
      (items as Array<{ id: string }>).filter(item => item.id === id),
    ]),
  ) as OpenStackEntityResources['resources'];
}
