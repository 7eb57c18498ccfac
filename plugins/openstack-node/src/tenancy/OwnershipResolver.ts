import type {
  AuthService,
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  RELATION_CHILD_OF,
  RELATION_MEMBER_OF,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

const MAX_DEPTH = 10;

/**
 * Who someone counts as for ownership: their refs (an entity's owner, or a
 * user's ownership refs from the user-info service) and every group above
 * those groups through the catalog's childOf relations. Parents are read
 * with the plugin's own credentials and kept for `ttlMs`.
 *
 * The childOf walk trusts the catalog's Group entities: keep Group and User
 * out of what registered locations may add (`catalog.rules`), so that groups
 * come only from org providers and the platform's configured locations;
 * otherwise a registered Group could make one team a child of another.
 *
 * @public
 */
export class OwnershipResolver {
  private readonly parents = new Map<
    string,
    { refs: string[]; until: number }
  >();

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

  /** The user's ownership refs, with their groups' ancestors. */
  async ofUser(credentials: BackstageCredentials): Promise<Set<string>> {
    if (!this.deps.userInfo) {
      throw new Error('OwnershipResolver.ofUser needs the userInfo service');
    }
    const info = await this.deps.userInfo.getUserInfo(credentials);
    return this.expand(info.ownershipEntityRefs);
  }

  /**
   * What a user counts as now, for work done on their behalf without their
   * credentials (a background check of something they asked for): the user
   * entity and its current memberOf groups in the catalog, or, when the
   * catalog has no such user (a guest, a user a sign-in resolver made without
   * the catalog), `signInRefs`, the ownership refs they signed in with. Either
   * way with their groups' ancestors. Not cached: a team change counts at once.
   */
  async ofUserRef(userRef: string, signInRefs: string[]): Promise<Set<string>> {
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs: [userRef], fields: ['kind', 'relations'] },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    const user = items[0];
    return this.expand(
      user
        ? [
            userRef,
            ...(user.relations ?? [])
              .filter(r => r.type === RELATION_MEMBER_OF)
              .map(r => r.targetRef),
          ]
        : [userRef, ...signInRefs],
    );
  }

  /** Refs with the ancestors of every group among them, lower-cased. */
  async expand(refs: string[]): Promise<Set<string>> {
    const out = new Set(refs.map(r => r.toLocaleLowerCase('en-US')));
    let frontier = [...out].filter(r => r.startsWith('group:'));
    for (let depth = 0; frontier.length && depth < MAX_DEPTH; depth++) {
      const next: string[] = [];
      for (const parent of (await this.parentsOf(frontier)).flat()) {
        if (!out.has(parent)) {
          out.add(parent);
          next.push(parent);
        }
      }
      frontier = next;
    }
    return out;
  }

  private async parentsOf(groups: string[]): Promise<string[][]> {
    const now = (this.deps.now ?? Date.now)();
    const missing = groups.filter(
      g => !((this.parents.get(g)?.until ?? 0) > now),
    );
    if (missing.length) {
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        { entityRefs: missing, fields: ['relations'] },
        { credentials: await this.deps.auth.getOwnServiceCredentials() },
      );
      missing.forEach((group, i) => {
        const refs = (items[i]?.relations ?? [])
          .filter(r => r.type === RELATION_CHILD_OF)
          .map(r => r.targetRef.toLocaleLowerCase('en-US'));
        this.parents.set(group, {
          refs,
          until: now + (this.deps.ttlMs ?? 60_000),
        });
      });
    }
    return groups.map(g => this.parents.get(g)?.refs ?? []);
  }
}
