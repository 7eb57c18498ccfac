import type {
  AuthService,
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { RELATION_CHILD_OF } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

const MAX_DEPTH = 10;

/**
 * Who someone counts as for ownership: their refs (an entity's owner, or a
 * user's ownership refs from the user-info service) and every group above
 * those groups through the catalog's childOf relations. Parents are read
 * with the plugin's own credentials and kept for `ttlMs`.
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
      userInfo: UserInfoService;
      ttlMs?: number;
      now?: () => number;
    },
  ) {}

  /** The user's ownership refs, with their groups' ancestors. */
  async ofUser(credentials: BackstageCredentials): Promise<Set<string>> {
    const info = await this.deps.userInfo.getUserInfo(credentials);
    return this.expand(info.ownershipEntityRefs);
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
