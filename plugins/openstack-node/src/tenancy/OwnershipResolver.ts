import type {
  AuthService,
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  RELATION_CHILD_OF,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

const MAX_DEPTH = 10;
const ORIGIN = 'backstage.io/managed-by-origin-location';

/** What the walk keeps of one group. */
interface GroupInfo {
  parents: string[];
  /** Missing from the catalog, or a Group entity no registered location added. */
  trusted: boolean;
  until: number;
}

/**
 * Who someone is for ownership: their refs (an entity's owner, or a user's
 * ownership refs) and every group above those groups through the catalog's
 * childOf relations.
 *
 * Only trusted groups count. Refs given by sign-in (or by configuration) are
 * taken as they are; every group found in the catalog instead (a parent
 * through childOf, a memberOf of the user's entity) counts only when it is a
 * Group entity that came from an org provider or a configured location, i.e.
 * its `backstage.io/managed-by-origin-location` is not one of the catalog's
 * registered locations. So a Group someone registered (`children: [team-a]`,
 * `members: [me]`) makes nobody a member of anything, even where
 * `catalog.rules` lets registered locations add Groups. Group facts and the
 * registered locations are read with the plugin's own credentials and kept
 * for `ttlMs`.
 *
 * @public
 */
export class OwnershipResolver {
  private readonly groups = new Map<string, GroupInfo>();
  private registered?: { origins: Set<string>; until: number };

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      /** Needed by {@link OwnershipResolver.ofUser} only. */
      userInfo?: UserInfoService;
      ttlMs?: number;
      now?: () => number;
    },
  ) {}

  /**
   * The user's ownership refs now: their entity's current memberOf groups in
   * the catalog (so a team change made by the org provider counts at its next
   * run, without signing in again), or the refs they signed in with when the
   * catalog has no such user; with their groups' ancestors.
   */
  async ofUser(credentials: BackstageCredentials): Promise<Set<string>> {
    if (!this.deps.userInfo) {
      throw new Error('OwnershipResolver.ofUser needs the userInfo service');
    }
    const info = await this.deps.userInfo.getUserInfo(credentials);
    return this.ofUserRef(info.userEntityRef, info.ownershipEntityRefs);
  }

  /**
   * What a user counts as now, for work done on their behalf without their
   * credentials (a background check of something they asked for): the user
   * entity and its current (trusted) memberOf groups in the catalog, or,
   * when the catalog has no such user (a guest, a user a sign-in resolver
   * made without the catalog), `signInRefs`, the ownership refs they signed
   * in with. Either way with their groups' ancestors. Not cached: a team
   * change counts at once.
   */
  async ofUserRef(userRef: string, signInRefs: string[]): Promise<Set<string>> {
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs: [userRef], fields: ['kind', 'relations', 'metadata'] },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    const user = items[0];
    if (user && (await this.isTrusted(user))) {
      return this.expand(
        [userRef],
        (user.relations ?? [])
          .filter(r => r.type === RELATION_MEMBER_OF)
          .map(r => r.targetRef),
      );
    }
    return this.expand([userRef, ...signInRefs]);
  }

  /**
   * Who an entity's owner counts as: its `spec.owner` as a full ref (a bare
   * name is a group in the entity's namespace), with the groups above it; no
   * refs when the entity has no owner.
   */
  async ofEntityOwner(
    entity: Pick<Entity, 'metadata' | 'spec'>,
  ): Promise<{ ownerRef?: string; refs: Set<string> }> {
    const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
    if (typeof owner !== 'string') return { refs: new Set() };
    const ownerRef = stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
    return { ownerRef, refs: await this.expand([ownerRef]) };
  }

  /**
   * `refs` (taken as given) with the ancestors of every group among them,
   * and `found`: groups read from the catalog, kept only when trusted, with
   * their ancestors. Lower-cased.
   */
  async expand(refs: string[], found: string[] = []): Promise<Set<string>> {
    const lower = (r: string) => r.toLocaleLowerCase('en-US');
    const out = new Set(refs.map(lower));
    let given = [...out].filter(r => r.startsWith('group:'));
    let candidates = [...new Set(found.map(lower))].filter(r => !out.has(r));
    for (let depth = 0; depth <= MAX_DEPTH; depth++) {
      if (!given.length && !candidates.length) break;
      const info = await this.groupInfo([...given, ...candidates]);
      const accepted = candidates.filter(g => info.get(g)?.trusted);
      accepted.forEach(g => out.add(g));
      const next = new Set<string>();
      for (const g of [...given, ...accepted]) {
        for (const parent of info.get(g)?.parents ?? []) {
          if (!out.has(parent)) next.add(parent);
        }
      }
      given = [];
      candidates = [...next];
    }
    return out;
  }

  private async isTrusted(entity: {
    metadata?: { annotations?: Record<string, string> };
  }) {
    const origin = entity.metadata?.annotations?.[ORIGIN];
    return !origin || !(await this.registeredOrigins()).has(origin);
  }

  /** `type:target` of every location registered through the catalog API. */
  private async registeredOrigins(): Promise<Set<string>> {
    const now = (this.deps.now ?? Date.now)();
    if (!this.registered || this.registered.until <= now) {
      const { items } = await this.deps.catalog.getLocations(
        {},
        { credentials: await this.deps.auth.getOwnServiceCredentials() },
      );
      this.registered = {
        origins: new Set(items.map(l => `${l.type}:${l.target}`)),
        until: now + (this.deps.ttlMs ?? 60_000),
      };
    }
    return this.registered.origins;
  }

  private async groupInfo(groups: string[]): Promise<Map<string, GroupInfo>> {
    const now = (this.deps.now ?? Date.now)();
    const missing = groups.filter(
      g => !((this.groups.get(g)?.until ?? 0) > now),
    );
    if (missing.length) {
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        {
          entityRefs: missing,
          fields: ['kind', 'relations', 'metadata.annotations'],
        },
        { credentials: await this.deps.auth.getOwnServiceCredentials() },
      );
      for (const [i, group] of missing.entries()) {
        const entity = items[i];
        this.groups.set(group, {
          parents: (entity?.relations ?? [])
            .filter(r => r.type === RELATION_CHILD_OF)
            .map(r => r.targetRef.toLocaleLowerCase('en-US')),
          // A group missing from the catalog emits no relations: the
          // relation that named it came from the trusted side.
          trusted: entity
            ? entity.kind?.toLocaleLowerCase('en-US') === 'group' &&
              (await this.isTrusted(entity))
            : true,
          until: now + (this.deps.ttlMs ?? 60_000),
        });
      }
    }
    return new Map(groups.map(g => [g, this.groups.get(g)!]));
  }
}
