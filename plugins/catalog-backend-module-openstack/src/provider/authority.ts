import type {
  OpenStackEntityResources,
  OpenStackSourceStatus,
} from '@canopy-idp/plugin-openstack-common';
import { ENTITY_KINDS, type EntityKind } from '../entities/names';

/** Why a (region, kind) of one listing cannot be trusted to be complete. */
export type Unread = Map<string, string>;

/** A source's failure as the reason its kinds were not read: `<service>: <status> (<message>)`. */
const failure = (s: OpenStackSourceStatus) =>
  `${s.service}: ${s.status}${s.message ? ` (${s.message})` : ''}`;

/**
 * Which (region, kind) pairs of a project's listing were read completely:
 * a source that answered `ok` (not from a stale copy) provides the kind in
 * that region, and no failing source covers it, and the kind was not cut at
 * the item cap. Only these may delete entities. The others map
 * `<region>|<kind>` to the reason, for the entities kept from them.
 */
export function readCompletely(listing: OpenStackEntityResources): {
  complete: Set<string>;
  unread: Unread;
} {
  const complete = new Set<string>();
  const unread: Unread = new Map();
  const kindsOf = (kinds: string[]) =>
    kinds.filter((k): k is EntityKind | 'ports' =>
      [...ENTITY_KINDS, 'ports'].includes(k),
    );
  const whole = listing.sources.find(s => s.region === '*');
  for (const region of listing.regions) {
    for (const kind of [...ENTITY_KINDS, 'ports'] as const) {
      const id = `${region}|${kind}`;
      if (whole) {
        unread.set(id, failure(whole));
        continue;
      }
      const sources = listing.sources.filter(
        s => s.region === region && kindsOf(s.kinds).includes(kind),
      );
      const bad = sources.find(s => s.status !== 'ok' || s.stale);
      if (bad) {
        unread.set(id, failure(bad));
      } else if (!sources.length) {
        unread.set(id, 'not read');
      } else if (listing.truncated.includes(kind)) {
        unread.set(id, `${kind}: more than the item cap`);
      } else {
        complete.add(id);
      }
    }
  }
  return { complete, unread };
}
