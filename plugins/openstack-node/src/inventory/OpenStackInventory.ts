import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  OPENSTACK_RESOURCE_KINDS,
  type OpenStackEntityResources,
} from '@canopy-idp/plugin-openstack-common';
import { readPluginOptions } from '../config/readPluginOptions';
import { projectLabel } from '../config/types';
import { OpenStackService } from '../service/OpenStackService';

/**
 * A mapped project as the inventory sees it: where it is, and who owns it.
 *
 * @public
 */
export interface InventoryProject {
  /** Unique within its cloud: `id:<id>` or `name:<domain>/<name>`. */
  key: string;
  /** Its configured name, else its id; what the `project` annotation holds. */
  label: string;
  id?: string;
  name?: string;
  /** Entity refs of its owners, lower-cased; `*` for an open project. */
  owners: string[];
  /** True for `owners: ['*']`. */
  open: boolean;
}

/**
 * A configured cloud and its mapped projects.
 *
 * @public
 */
export interface InventoryCloud {
  name: string;
  horizonUrl?: string;
  /** The configured regions; empty when Keystone's catalog decides. */
  regions: string[];
  projects: InventoryProject[];
}

/**
 * Reads whole projects: what the catalog's OpenStack entity provider needs.
 *
 * @public
 */
export interface OpenStackInventoryReader {
  clouds(): InventoryCloud[];
  /**
   * Every resource of every kind in the project, in every region, with each
   * (region, service) source's status; never throws for a failing source.
   */
  readProject(
    cloud: string,
    projectKey: string,
  ): Promise<OpenStackEntityResources>;
}

/**
 * Canopy's OpenStack readers, for other backend parts of the same portal (the
 * catalog's entity provider): the same configuration (`openstack`), Keystone
 * sessions, paging, retries, timeouts, circuit breakers and secret scrubbing
 * as the OpenStack plugin, without a second client. Listings are never served
 * from the cache nor kept in it (each read is fresh; a failed read is
 * reported, never replaced by an old answer) and a kind is read up to
 * `maxItemsPerKind` (at least 100,000), so a whole project fits.
 *
 * @public
 */
export class OpenStackInventory implements OpenStackInventoryReader {
  private constructor(private readonly service: OpenStackService) {}

  static fromConfig(
    config: Config,
    deps: { cache: CacheService; logger: LoggerService },
  ): OpenStackInventory {
    return OpenStackInventory.fromService(
      new OpenStackService(readPluginOptions(config), deps),
    );
  }

  /**
   * Through a plugin's `openstackServiceRef` service: the same connections
   * (Keystone sessions, circuit breakers), with the inventory's own reading
   * options.
   */
  static fromService(service: OpenStackService): OpenStackInventory {
    const options = service.readingOptions;
    return new OpenStackInventory(
      service.withOptions({
        resourcesTtlMs: 0,
        // No stale copies either: the provider keeps what it last emitted.
        staleTtlMs: 0,
        maxItemsPerKind: Math.max(options.maxItemsPerKind, 100_000),
      }),
    );
  }

  clouds(): InventoryCloud[] {
    return this.service.projects.all().map(cloud => ({
      name: cloud.name,
      ...(cloud.horizonUrl ? { horizonUrl: cloud.horizonUrl } : {}),
      regions: cloud.regions ?? [],
      projects: cloud.projects.map(p => ({
        key: p.key,
        label: projectLabel(p),
        ...(p.id ? { id: p.id } : {}),
        ...(p.name ? { name: p.name } : {}),
        owners: [...p.owners],
        open: p.open,
      })),
    }));
  }

  async readProject(
    cloud: string,
    projectKey: string,
  ): Promise<OpenStackEntityResources> {
    const config = this.service.projects.cloud(cloud);
    const project = config.projects.find(p => p.key === projectKey);
    if (!project) {
      throw new Error(
        `cloud '${cloud}' maps no project with key '${projectKey}'`,
      );
    }
    return this.service.listResources(
      `openstack-project:${cloud}/${projectLabel(project)}`,
      { cloud, project, tags: [] },
      OPENSTACK_RESOURCE_KINDS,
      false,
      // The catalog's entities carry no price: no quote calls to CloudKitty.
      false,
    );
  }
}
