import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { InventoryProject } from '@canopy-idp/plugin-openstack-node';
import { createHash } from 'node:crypto';
import {
  PROVIDER_ANNOTATIONS,
  type UnitEntity,
} from '../entities/buildEntities';
import { carryLinks } from './carryLinks';
import type { StoredEntity, StoredEntityWithBody } from './ProviderStore';

const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');

/** What one project's read changes. */
export interface ProjectChanges {
  /** Everything of the project now: as read, and kept (marked). */
  entities: Entity[];
  /** New or changed, to send. */
  added: Entity[];
  remove: string[];
  kept: number;
  upsert: Array<StoredEntity | StoredEntityWithBody>;
  succeeded: string[];
  failures: string[];
}

/** One project's read: its entities and which units were read completely. */
export interface ProjectRead {
  project: InventoryProject;
  entities: UnitEntity[];
  complete: Set<string>;
  unread: Map<string, string>;
}

/**
 * The stored entities whose bodies a comparison needs: those of failing
 * units (to keep them), and those in a project and region where some kind
 * failed (to keep their links into it).
 */
export function bodiesNeeded(
  stored: Map<string, StoredEntity>,
  unread: Map<string, string>,
): string[] {
  if (!unread.size) return [];
  const failingRegions = new Set(
    [...unread.keys()].map(u => u.split('|').slice(0, 2).join('|')),
  );
  return [...stored.values()]
    .filter(e => {
      const [project, region] = e.unit.split('|');
      return (
        unread.has(e.unit) ||
        unread.has(`${project}|*`) ||
        failingRegions.has(`${project}|${region}`)
      );
    })
    .map(e => e.ref);
}

/**
 * One project's read against what was last emitted for it (`bodies`: the
 * stored bodies {@link bodiesNeeded} named): what to send, remove, keep and
 * store.
 */
export function compareProject(
  read: ProjectRead,
  stored: Map<string, StoredEntity>,
  bodies: Map<string, string>,
  lastSuccess: Map<string, string>,
): ProjectChanges {
  const { unread } = read;
  const fresh = new Map<string, UnitEntity>();
  for (const e of read.entities) fresh.set(stringifyEntityRef(e.entity), e);
  carryLinks(fresh, bodies, unread);

  const added: Entity[] = [];
  const entities: Entity[] = [];
  const upsert: Array<StoredEntity | StoredEntityWithBody> = [];
  for (const [ref, { unit, entity }] of fresh) {
    entities.push(entity);
    const hash = sha256(JSON.stringify(entity));
    const before = stored.get(ref);
    if (
      !before ||
      before.hash !== hash ||
      before.stale ||
      before.unit !== unit
    ) {
      added.push(entity);
      upsert.push({ ref, unit, hash, entity, stale: false });
    }
  }
  const remove: string[] = [];
  let kept = 0;
  for (const [ref, before] of stored) {
    if (fresh.has(ref)) continue;
    const project = before.unit.split('|')[0];
    const why = unread.get(before.unit) ?? unread.get(`${project}|*`);
    if (why === undefined) {
      remove.push(ref);
      continue;
    }
    const marked = markStale(
      JSON.parse(bodies.get(ref)!),
      lastSuccess.get(before.unit),
      why,
    );
    kept += 1;
    entities.push(marked);
    if (before.stale) continue;
    added.push(marked);
    upsert.push({ ...before, stale: true });
  }
  return {
    entities,
    added,
    remove,
    kept,
    upsert,
    succeeded: [...read.complete],
    failures: [...unread].map(([u, why]) => `${u}: ${why}`),
  };
}

/** The entity as last read, marked with when it was last seen and why it is not now. */
function markStale(
  entity: Entity,
  lastSeen: string | undefined,
  why: string,
): Entity {
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        ...entity.metadata.annotations,
        [PROVIDER_ANNOTATIONS.lastSeen]: lastSeen ?? 'unknown',
        [PROVIDER_ANNOTATIONS.lastError]: why.slice(0, 500),
      },
    },
  };
}
