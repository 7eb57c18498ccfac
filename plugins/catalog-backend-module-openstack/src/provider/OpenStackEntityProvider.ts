import type {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type {
  InventoryCloud,
  InventoryProject,
  OpenStackInventoryReader,
} from '@canopy-idp/plugin-openstack-node';
import {
  projectEntities,
  projectSystem,
  type ProjectContext,
} from '../entities/buildEntities';
import { refusedTags, type TagClaims } from './TagClaims';
import { readCompletely } from './authority';
import {
  bodiesNeeded,
  compareProject,
  type ProjectChanges,
  type ProjectRead,
} from './compareProject';
import type {
  ProviderStore,
  RunRecord,
  StoreChanges,
  StoredEntity,
} from './ProviderStore';

/** @public */
export interface OpenStackEntityProviderOptions {
  /** The cloud's name in `openstack.clouds`. */
  cloud: string;
  inventory: OpenStackInventoryReader;
  store: ProviderStore;
  logger: LoggerService;
  /** Runs the provider on its cadence (one replica at a time). */
  taskRunner: SchedulerServiceTaskRunner;
  /** spec.owner of a project that maps no owner (an open project). */
  defaultOwner: string;
  /** Projects read at once (default 4). */
  concurrency?: number;
  /**
   * Which tagged entities may claim a project's resources (a relation to
   * them). Without it, none may: resources carry no relation to a Component.
   */
  claims?: TagClaims;
  /**
   * `delta` (default): send only what changed since the last run. `full`:
   * send every entity each run (the catalog then finds the changes itself).
   * The package README gives the measurements behind the default.
   */
  mutation?: 'delta' | 'full';
  now?: () => Date;
}

/**
 * Emits one cloud's mapped projects as Systems and their resources as
 * Resources (see the package README for the model). Each run reads every
 * project and sends the catalog only what changed (a delta mutation).
 * Entities are removed only when the unit they were read in (project,
 * region, kind) was read completely in this run, or their project is no
 * longer mapped; the others are kept and marked with when they were last
 * seen, until their source answers again.
 *
 * @public
 */
export class OpenStackEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private readonly now: () => Date;

  constructor(private readonly options: OpenStackEntityProviderOptions) {
    this.now = options.now ?? (() => new Date());
  }

  getProviderName(): string {
    return `openstack-provider:${this.options.cloud}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        await this.run();
      },
    });
  }

  /**
   * One run: each project is read, compared with what was last emitted for
   * it, and (delta mode) its changes sent and stored before the next project
   * is read, so a run holds a few projects' entities at a time. Full mode
   * sends everything in one mutation at the end.
   */
  async run(): Promise<RunRecord> {
    const connection = this.connection;
    if (!connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    const provider = this.getProviderName();
    const { logger, store } = this.options;
    const full = this.options.mutation === 'full';
    const startedAt = this.now().toISOString();
    const cloud = this.cloud();
    const stored = await store.entities(provider);
    const lastSuccess = await store.lastSuccess(provider);
    const storedByProject = new Map<string, Map<string, StoredEntity>>();
    for (const e of stored.values()) {
      const project = e.unit.split('|')[0];
      const map = storedByProject.get(project) ?? new Map();
      map.set(e.ref, e);
      storedByProject.set(project, map);
    }

    const totals = { entities: 0, added: 0, removed: 0, kept: 0 };
    const failures: string[] = [];
    const everything: Entity[] = [];
    const pending: StoreChanges[] = [];
    const apply = async (changes: ProjectChanges) => {
      totals.entities += changes.entities.length;
      totals.added += changes.added.length;
      totals.removed += changes.remove.length;
      totals.kept += changes.kept;
      failures.push(...changes.failures);
      const write = {
        upsert: changes.upsert,
        remove: changes.remove,
        succeeded: changes.succeeded,
        at: startedAt,
      };
      if (full) {
        everything.push(...changes.entities);
        pending.push(write);
        return;
      }
      if (changes.added.length || changes.remove.length) {
        await connection.applyMutation({
          type: 'delta',
          added: changes.added.map(entity => ({
            entity,
            locationKey: provider,
          })),
          removed: changes.remove.map(entityRef => ({
            entityRef,
            locationKey: provider,
          })),
        });
      }
      await store.write(provider, write);
    };

    await this.forEachProject(cloud, async project => {
      const read = await this.readProject(cloud, project);
      await apply(
        await this.compare(
          provider,
          read,
          storedByProject.get(project.key) ?? new Map(),
          lastSuccess,
        ),
      );
    });
    // Projects no longer mapped: their entities go.
    const mapped = new Set(cloud.projects.map(p => p.key));
    const gone = [...storedByProject]
      .filter(([project]) => !mapped.has(project))
      .flatMap(([, entities]) => [...entities.keys()]);
    await apply({
      entities: [],
      added: [],
      remove: gone,
      kept: 0,
      upsert: [],
      succeeded: [],
      failures: [],
    });

    if (full) {
      await connection.applyMutation({
        type: 'full',
        entities: everything.map(entity => ({ entity, locationKey: provider })),
      });
      for (const write of pending) await store.write(provider, write);
    }
    const run: RunRecord = {
      startedAt,
      finishedAt: this.now().toISOString(),
      ...totals,
      failures: failures.sort(),
    };
    await store.recordRun(provider, run);
    const summary = `${provider}: ${run.entities} entities, ${run.added} added or changed, ${run.removed} removed, ${run.kept} kept from ${failures.length} failing unit(s)`;
    if (failures.length) {
      logger.warn(`${summary}: ${run.failures.slice(0, 5).join('; ')}`);
    } else {
      logger.info(summary);
    }
    return run;
  }

  /** One project's read against what was last emitted for it. */
  private async compare(
    provider: string,
    read: ProjectRead,
    stored: Map<string, StoredEntity>,
    lastSuccess: Map<string, string>,
  ): Promise<ProjectChanges> {
    const bodies = await this.options.store.bodies(
      provider,
      bodiesNeeded(stored, read.unread),
    );
    return compareProject(read, stored, bodies, lastSuccess);
  }

  private cloud(): InventoryCloud {
    const cloud = this.options.inventory
      .clouds()
      .find(c => c.name === this.options.cloud);
    if (!cloud) {
      throw new Error(
        `${this.getProviderName()}: no cloud '${
          this.options.cloud
        }' in openstack.clouds`,
      );
    }
    return cloud;
  }

  /** Runs `fn` for every mapped project, a few at a time. */
  private async forEachProject(
    cloud: InventoryCloud,
    fn: (project: InventoryProject) => Promise<void>,
  ): Promise<void> {
    const queue = [...cloud.projects];
    const worker = async () => {
      for (let p = queue.shift(); p; p = queue.shift()) await fn(p);
    };
    await Promise.all(
      Array.from({ length: this.options.concurrency ?? 4 }, worker),
    );
  }

  /** Reads one project; when it cannot be read at all, it keeps its entities. */
  private async readProject(
    cloud: InventoryCloud,
    project: InventoryProject,
  ): Promise<ProjectRead> {
    const ctx: ProjectContext = {
      cloud,
      project,
      owner:
        project.open || !project.owners.length
          ? this.options.defaultOwner
          : project.owners[0],
      location: `openstack:${cloud.name}`,
    };
    const prefix = (units: Iterable<string>) =>
      [...units].map(u => `${project.key}|${u}`);
    try {
      const listing = await this.options.inventory.readProject(
        cloud.name,
        project.key,
      );
      const { complete, unread } = readCompletely(listing);
      ctx.refused = await refusedTags(
        this.options.claims,
        listing.resources,
        project,
        cloud.name,
      );
      return {
        project,
        entities: projectEntities(ctx, listing.resources),
        complete: new Set([`${project.key}|system`, ...prefix(complete)]),
        unread: new Map(
          [...unread].map(([u, why]) => [`${project.key}|${u}`, why]),
        ),
      };
    } catch (error) {
      const why = `project could not be read: ${(error as Error).message}`;
      this.options.logger.warn(
        `${this.getProviderName()}: ${project.label}: ${why}`,
      );
      return {
        project,
        entities: [projectSystem(ctx)],
        complete: new Set([`${project.key}|system`]),
        unread: new Map([[`${project.key}|*`, why]]),
      };
    }
  }
}
