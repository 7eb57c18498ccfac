import type { Entity } from '@backstage/catalog-model';
import type { UnitEntity } from '../entities/buildEntities';
import { type EntityKind, kindOfRef } from '../entities/names';

const dependsOnOf = (entity: Entity) =>
  (entity.spec as { dependsOn?: string[] } | undefined)?.dependsOn ?? [];

/**
 * Keeps links that a failing source would otherwise drop: when a resource is
 * read now (`stored`: the last emitted bodies, by ref) but a kind it links to (or the ports that link it) could not be
 * read in its project and region, its last emitted links to that kind stay.
 * A server read while the network service is down keeps its networks.
 */
export function carryLinks(
  fresh: Map<string, UnitEntity>,
  stored: Map<string, string>,
  unread: Map<string, string>,
): void {
  if (!unread.size) return;
  for (const [ref, current] of fresh) {
    const before = stored.get(ref);
    if (!before || current.entity.kind !== 'Resource') continue;
    const [project, region] = current.unit.split('|');
    const failed = (kind: EntityKind | 'ports') =>
      unread.has(`${project}|${region}|${kind}`);
    const carried = dependsOnOf(JSON.parse(before)).filter(dep => {
      const kind = kindOfRef(dep);
      if (!kind) return false;
      return (
        failed(kind) ||
        ((kind === 'networks' || kind === 'subnets') && failed('ports'))
      );
    });
    if (!carried.length) continue;
    const spec = current.entity.spec as { dependsOn?: string[] };
    spec.dependsOn = [
      ...new Set([...(spec.dependsOn ?? []), ...carried]),
    ].sort();
  }
}
