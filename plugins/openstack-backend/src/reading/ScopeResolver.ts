import type { CacheService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { JsonValue } from '@backstage/types';
import type { CloudConfig, OpenStackPluginOptions } from '../config/types';
import { ScopeError } from '../http/errors';
import { regionApi } from '../keystone/regionApi';
import type { SessionPool } from '../keystone/SessionPool';
import { parseProjectRef, regionsOf } from '../keystone/token';
import type { RegionApi } from '../openstack/api';

/** What a request asks about: a cloud, a project, regions and a tag selector. */
export interface Target {
  cloud: string;
  project?: string;
  regions?: string[];
  tags: string[];
}

/** Where a target resolves to: the project's id, its regions and their APIs. */
export interface Scope {
  cloud: CloudConfig;
  projectId: string;
  regions: string[];
  api(region: string): RegionApi;
}

/** A scope as last resolved, kept to find stale answers when Keystone fails. */
export interface RememberedScope {
  projectId: string;
  regions: string[];
}

/**
 * Resolves a target through Keystone: the configured cloud (a 404 naming the
 * configured ones when unknown), a token for the project, the project's id,
 * and the regions to read (the target's, the cloud's configured ones, or the
 * service catalog's). Each resolved scope is remembered in the cache.
 */
export class ScopeResolver {
  private readonly clouds = new Map<string, CloudConfig>();

  constructor(
    private readonly options: OpenStackPluginOptions,
    private readonly pool: SessionPool,
    private readonly cache: CacheService,
  ) {
    for (const cloud of options.clouds) this.clouds.set(cloud.name, cloud);
  }

  cloud(name: string): CloudConfig {
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

  private rememberKey(target: Target) {
    return `scope:${target.cloud}:${target.project ?? ''}`;
  }

  async resolve(target: Target): Promise<Scope> {
    const cloud = this.cloud(target.cloud);
    const { session, token } = await this.pool.token(cloud, target.project);
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
    let regions = regionsOf(token);
    if (target.regions?.length) regions = target.regions;
    else if (cloud.regions?.length) regions = cloud.regions;
    const remembered: RememberedScope = {
      projectId: token.project.id,
      regions,
    };
    await this.cache.set(
      this.rememberKey(target),
      remembered as unknown as JsonValue,
      { ttl: this.options.staleTtlMs },
    );
    return {
      cloud,
      projectId: token.project.id,
      regions,
      api: region =>
        regionApi({
          cloud,
          session,
          region,
          projectId: token.project.id,
          pageSize: this.options.pageSize,
          maxItems: this.options.maxItemsPerKind,
        }),
    };
  }

  /** The scope this target last resolved to, if remembered. */
  async remembered(target: Target): Promise<RememberedScope | undefined> {
    return (await this.cache.get(this.rememberKey(target))) as
      | RememberedScope
      | undefined;
  }
}
