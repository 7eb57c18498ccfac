import type { CacheService } from '@backstage/backend-plugin-api';
import type { JsonValue } from '@backstage/types';
import type { OpenStackResourceKind } from '@canopy-idp/plugin-openstack-common';
import {
  type CloudConfig,
  type MappedProject,
  type OpenStackPluginOptions,
  projectLabel,
} from '../config/types';
import { ScopeError } from '../http/errors';
import { regionApi } from '../keystone/regionApi';
import type { SessionPool } from '../keystone/SessionPool';
import { regionsOf } from '../keystone/token';
import type { RegionApi } from '../openstack/api';
import type { CredentialSource } from '../tenancy/CredentialSource';
import { matchesRef, type ProjectMap } from '../tenancy/ProjectMap';
import type { CachedReader } from './CachedReader';

/**
 * What a request asks about: a cloud, one of its mapped projects (already
 * allowed by the tenancy guard), regions and a tag selector.
 *
 * @public
 */
export interface Target {
  cloud: string;
  project: MappedProject;
  regions?: string[];
  tags: string[];
  /** One resource only (a catalog Resource entity of the OpenStack entity provider); `tags` is then empty. */
  resource?: { kind: OpenStackResourceKind; id: string };
}

/** Where a target resolves to: the project's id, its regions and their APIs. */
export interface Scope {
  cloud: CloudConfig;
  projectId: string;
  /** The regions to read or report. */
  regions: string[];
  /** The cloud's own regions; the others are reported unavailable, never read. */
  known: Set<string>;
  api(region: string): RegionApi;
}

/** A scope as last resolved, kept to find stale answers when Keystone fails. */
export interface RememberedScope {
  projectId: string;
  regions: string[];
}

/** How many region names that are not the cloud's are reported per request. */
export const MAX_UNKNOWN_REGIONS = 5;

/**
 * Resolves a target through Keystone: a token for the mapped project (from
 * its credential source), checked to be scoped to that project, the
 * project's id, and the regions to read (the cloud's configured ones, or
 * the service catalog's, narrowed to the target's when it names some). Each
 * resolved scope is remembered in the cache.
 */
export class ScopeResolver {
  /** Reference reads under way, shared by the readers that ask meanwhile. */
  constructor(
    private readonly options: OpenStackPluginOptions,
    private readonly projects: ProjectMap,
    private readonly credentials: CredentialSource,
    private readonly pool: SessionPool,
    private readonly cache: CacheService,
    private readonly reader: Pick<CachedReader, 'remember'>,
  ) {}

  cloud(name: string): CloudConfig {
    return this.projects.cloud(name);
  }

  private rememberKey(target: Pick<Target, 'cloud' | 'project'>) {
    return `scope:${target.cloud}:${target.project.key}`;
  }

  /** A session and token for a mapped project, scoped to exactly that project. */
  async session(cloud: CloudConfig, project: MappedProject) {
    const { session, token } = await this.pool.token(
      cloud,
      this.credentials.scopeFor(project),
    );
    if (
      !matchesRef(project, token.project.id) &&
      !matchesRef(project, token.project.name)
    ) {
      throw new ScopeError(
        `cloud '${cloud.name}': the credential of project '${projectLabel(
          project,
        )}' (${project.where}) is scoped to project '${
          token.project.name
        }' instead`,
      );
    }
    return { session, token };
  }

  async resolve(target: Target): Promise<Scope> {
    const cloud = this.cloud(target.cloud);
    const { session, token } = await this.session(cloud, target.project);
    // The cloud's regions: configured, else its service catalog's. A target
    // (an entity's regions annotation) picks among them; a name that is not
    // one of them is reported unavailable without any read, and only the
    // first few such names are reported at all: many names cost nothing.
    const known = cloud.regions?.length ? cloud.regions : regionsOf(token);
    let regions = known;
    if (target.regions?.length) {
      const wanted = [...new Set(target.regions)];
      regions = [
        ...wanted.filter(r => known.includes(r)),
        ...wanted.filter(r => !known.includes(r)).slice(0, MAX_UNKNOWN_REGIONS),
      ];
    }
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
      known: new Set(known),
      api: region => ({
        ...regionApi({
          cloud,
          session,
          region,
          projectId: token.project.id,
          pageSize: this.options.pageSize,
          maxItems: this.options.maxItemsPerKind,
        }),
        // Reference data (a region's external networks), kept for the
        // look-ups' lifetime (`openstack.cache.lookupsTtlSeconds`).
        reference: (name, read) =>
          this.reader.remember(
            `openstack:v2:${cloud.name}:${token.project.id}:${region}:reference:${name}`,
            this.options.lookupsTtlMs,
            read,
          ),
      }),
    };
  }

  /** The scope this target last resolved to, if remembered. */
  async remembered(
    target: Pick<Target, 'cloud' | 'project'>,
  ): Promise<RememberedScope | undefined> {
    return (await this.cache.get(this.rememberKey(target))) as
      | RememberedScope
      | undefined;
  }
}
