import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { Knex } from 'knex';

const MIGRATIONS = resolvePackagePath(
  '@canopy-idp/plugin-catalog-backend-module-openstack',
  'migrations',
);

/**
 * One emitted entity as stored.
 *
 * @public
 */
export interface StoredEntity {
  ref: string;
  unit: string;
  /** sha256 of the body as read (without the stale marks). */
  hash: string;
  /** Whether the catalog holds the body with the stale marks. */
  stale: boolean;
}

/**
 * A stored entity with the entity as read, for writing (serialized a chunk
 * at a time, so a run never holds every body as text at once).
 *
 * @public
 */
export interface StoredEntityWithBody extends StoredEntity {
  entity: Entity;
}

/**
 * What one run did, as recorded.
 *
 * @public
 */
export interface RunRecord {
  startedAt: string;
  finishedAt: string;
  entities: number;
  added: number;
  removed: number;
  kept: number;
  failures: string[];
}

/**
 * The changes of one run, written at its end.
 *
 * @public
 */
export interface StoreChanges {
  /** New or changed entities, and those whose stale mark changed. */
  upsert: Array<StoredEntityWithBody | StoredEntity>;
  remove: string[];
  /** Units read completely. */
  succeeded: string[];
  /** When they were read (ISO time). */
  at: string;
}

const CHUNK = 500;

/**
 * The OpenStack entity provider's state in the catalog's database (its own
 * tables and migrations table), shared by every replica.
 *
 * @public
 */
export class ProviderStore {
  private constructor(private readonly db: Knex) {}

  static async create(db: Knex): Promise<ProviderStore> {
    await db.migrate.latest({
      directory: MIGRATIONS,
      tableName: 'canopy_openstack_knex_migrations',
    });
    return new ProviderStore(db);
  }

  /** What the provider last emitted, without the bodies (see {@link ProviderStore.bodies}). */
  async entities(provider: string): Promise<Map<string, StoredEntity>> {
    const rows = await this.db('canopy_openstack_entities')
      .where({ provider })
      .select('entity_ref', 'unit', 'hash', 'stale');
    return new Map(
      rows.map(r => [
        r.entity_ref,
        {
          ref: r.entity_ref,
          unit: r.unit,
          hash: r.hash,
          stale: Boolean(r.stale),
        },
      ]),
    );
  }

  /** The stored bodies (the entities as read) of these refs. */
  async bodies(provider: string, refs: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < refs.length; i += CHUNK) {
      const rows = await this.db('canopy_openstack_entities')
        .where({ provider })
        .whereIn('entity_ref', refs.slice(i, i + CHUNK))
        .select('entity_ref', 'body');
      for (const r of rows) out.set(r.entity_ref, r.body);
    }
    return out;
  }

  /** When each unit last succeeded, ISO time. */
  async lastSuccess(provider: string): Promise<Map<string, string>> {
    const rows = await this.db('canopy_openstack_units')
      .where({ provider })
      .select('unit', 'last_success');
    return new Map(rows.map(r => [r.unit, r.last_success]));
  }

  async write(provider: string, changes: StoreChanges): Promise<void> {
    await this.db.transaction(async tx => {
      for (let i = 0; i < changes.remove.length; i += CHUNK) {
        await tx('canopy_openstack_entities')
          .where({ provider })
          .whereIn('entity_ref', changes.remove.slice(i, i + CHUNK))
          .delete();
      }
      const withBody = changes.upsert.filter(
        (e): e is StoredEntityWithBody => 'entity' in e,
      );
      for (let i = 0; i < withBody.length; i += CHUNK) {
        await tx('canopy_openstack_entities')
          .insert(
            withBody.slice(i, i + CHUNK).map(e => ({
              provider,
              entity_ref: e.ref,
              unit: e.unit,
              hash: e.hash,
              body: JSON.stringify(e.entity),
              stale: e.stale,
            })),
          )
          .onConflict(['provider', 'entity_ref'])
          .merge();
      }
      // Only the stale mark changed: the body stays as read.
      for (const e of changes.upsert.filter(x => !('entity' in x))) {
        await tx('canopy_openstack_entities')
          .where({ provider, entity_ref: e.ref })
          .update({ stale: e.stale });
      }
      for (let i = 0; i < changes.succeeded.length; i += CHUNK) {
        await tx('canopy_openstack_units')
          .insert(
            changes.succeeded.slice(i, i + CHUNK).map(unit => ({
              provider,
              unit,
              last_success: changes.at,
            })),
          )
          .onConflict(['provider', 'unit'])
          .merge();
      }
    });
  }

  /** Records one run. */
  async recordRun(provider: string, run: RunRecord): Promise<void> {
    await this.db('canopy_openstack_runs').insert({
      provider,
      started_at: run.startedAt,
      finished_at: run.finishedAt,
      entities: run.entities,
      added: run.added,
      removed: run.removed,
      kept: run.kept,
      failures: JSON.stringify(run.failures),
    });
  }

  /** The last runs of a provider, newest first. */
  async runs(provider: string, limit = 20): Promise<RunRecord[]> {
    const rows = await this.db('canopy_openstack_runs')
      .where({ provider })
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(r => ({
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      entities: r.entities,
      added: r.added,
      removed: r.removed,
      kept: r.kept,
      failures: JSON.parse(r.failures),
    }));
  }
}
