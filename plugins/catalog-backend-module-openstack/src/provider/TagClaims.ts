import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { OpenStackResources } from '@canopy-idp/plugin-openstack-common';
import {
  type InventoryProject,
  OwnershipResolver,
} from '@canopy-idp/plugin-openstack-node';
import { taggedEntities } from '../entities/buildEntities';
import { ENTITY_KINDS } from '../entities/names';

/**
 * Decides which of the entities named by a project's Canopy entity tags may
 * claim its resources.
 *
 * @public
 */
export interface TagClaims {
  /** For each entity ref that may not claim the project's resources, why. */
  refused(
    entityRefs: string[],
    project: InventoryProject,
    cloud: string,
  ): Promise<Map<string, string>>;
}

const RULE =
  "rule: a resource's canopy.entity tag links it to an entity only when that entity's owner, or a group above it, owns the resource's project";

/**
 * The OpenStack plugin's tenancy rule applied to tags: a resource's
 * `canopy.entity=` tag draws a relation to the entity it names only when
 * that entity is in the catalog and its `spec.owner` (or a group above it,
 * through trusted `childOf`) is among the owners of the resource's project.
 * A member of team B who tags a team-B server for team A's component draws
 * no relation into team A's entity.
 *
 * @public
 */
export class CatalogTagClaims implements TagClaims {
  private readonly ownership: OwnershipResolver;

  constructor(
    private readonly deps: { catalog: CatalogService; auth: AuthService },
  ) {
    this.ownership = new OwnershipResolver(deps);
  }

  async refused(
    entityRefs: string[],
    project: InventoryProject,
    cloud: string,
  ): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (!entityRefs.length) return out;
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs, fields: ['kind', 'metadata', 'spec.owner'] },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    for (const [i, ref] of entityRefs.entries()) {
      const entity = items[i];
      if (!entity) {
        out.set(ref, `not in the catalog (${RULE})`);
        continue;
      }
      if (project.open) continue;
      const { ownerRef, refs } = await this.ownership.ofEntityOwner(entity);
      if (!project.owners.some(o => refs.has(o))) {
        out.set(
          ref,
          `its owner ${ownerRef ?? '(none)'} does not own project '${
            project.label
          }' of cloud '${cloud}' (${RULE})`,
        );
      }
    }
    return out;
  }
}

/**
 * Why each entity tagged on a project's resources may not claim them: asked
 * of `claims`, or, without it, every tagged entity is refused (deny by
 * default).
 */
export async function refusedTags(
  claims: TagClaims | undefined,
  resources: OpenStackResources,
  project: InventoryProject,
  cloud: string,
): Promise<Map<string, string>> {
  const tagged = new Set<string>();
  for (const kind of ENTITY_KINDS) {
    for (const r of resources[kind]) {
      taggedEntities(kind, r).forEach(e => tagged.add(e));
    }
  }
  const refs = [...tagged].sort();
  return claims
    ? claims.refused(refs, project, cloud)
    : new Map(
        refs.map(e => [e, 'no tag claims are checked (claims option not set)']),
      );
}
