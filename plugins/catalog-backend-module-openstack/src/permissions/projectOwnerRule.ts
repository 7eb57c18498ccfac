import type { Entity } from '@backstage/catalog-model';
import type {
  PermissionCondition,
  PermissionCriteria,
} from '@backstage/plugin-permission-common';
import { createPermissionRule } from '@backstage/plugin-permission-node';
import { catalogEntityPermissionResourceRef } from '@backstage/plugin-catalog-node/alpha';
import type { EntitiesSearchFilter } from '@backstage/plugin-catalog-node';
import { OPENSTACK_ANNOTATIONS } from '@canopy-idp/plugin-openstack-common';
import { z } from 'zod';
import type {
  MappedProject,
  ProjectMap,
} from '@canopy-idp/plugin-openstack-node';

/**
 * The name of the permission rule "the user owns the OpenStack project
 * behind this entity".
 *
 * @public
 */
export const IS_OPENSTACK_PROJECT_OWNER = 'IS_OPENSTACK_PROJECT_OWNER';

/**
 * A condition for catalog-entity permissions (such as
 * `openstack.resources.read`): the entity's OpenStack project (its
 * `openstack.canopy-idp.io/cloud` and `/project` annotations, as mapped
 * under `openstack.clouds[].projects`) is owned by one of `claims`, the
 * user's ownership refs. Needs this package's catalog module, which
 * registers the rule.
 *
 * @public
 */
export function isOpenStackProjectOwner(params: {
  claims: string[];
}): PermissionCondition<'catalog-entity', { claims: string[] }> {
  return {
    rule: IS_OPENSTACK_PROJECT_OWNER,
    resourceType: 'catalog-entity',
    params,
  };
}

const owns = (project: MappedProject, claims: Set<string>) =>
  project.open || project.owners.some(o => claims.has(o));

const lower = (refs: string[]) =>
  new Set(refs.map(r => r.toLocaleLowerCase('en-US')));

/** The project an entity's annotations name (or its cloud's only one). */
function projectOf(projects: ProjectMap, entity: Entity) {
  const a = entity.metadata.annotations ?? {};
  const cloud = projects
    .all()
    .find(c => c.name === a[OPENSTACK_ANNOTATIONS.cloud]);
  return cloud
    ? projects.find(cloud, a[OPENSTACK_ANNOTATIONS.project] || undefined)
    : undefined;
}

const annotation = (name: string) => `metadata.annotations.${name}`;

/** The rule itself, over the configured project map; registered in the catalog. */
export function createProjectOwnerRule(projects: ProjectMap) {
  return createPermissionRule({
    name: IS_OPENSTACK_PROJECT_OWNER,
    description:
      "Allow entities whose OpenStack project (openstack.canopy-idp.io/cloud and /project, as mapped under openstack.clouds[].projects) is owned by one of the claims (the user's ownership refs)",
    resourceRef: catalogEntityPermissionResourceRef,
    paramsSchema: z.object({
      claims: z
        .array(z.string())
        .describe("The user's ownership refs: user ref and groups"),
    }),
    apply: (entity: Entity, { claims }) => {
      const project = projectOf(projects, entity);
      return Boolean(project && owns(project, lower(claims)));
    },
    toQuery: ({ claims }) => {
      const mine = lower(claims);
      const anyOf: PermissionCriteria<EntitiesSearchFilter>[] = [];
      for (const cloud of projects.all()) {
        for (const project of cloud.projects.filter(p => owns(p, mine))) {
          const byCloud = {
            key: annotation(OPENSTACK_ANNOTATIONS.cloud),
            values: [cloud.name],
          };
          const refs = [project.id, project.name].filter((r): r is string =>
            Boolean(r),
          );
          anyOf.push({
            allOf: [
              byCloud,
              { key: annotation(OPENSTACK_ANNOTATIONS.project), values: refs },
            ],
          });
          if (cloud.projects.length === 1) {
            anyOf.push({
              allOf: [
                byCloud,
                { not: { key: annotation(OPENSTACK_ANNOTATIONS.project) } },
              ],
            });
          }
        }
      }
      // Nothing owned: a filter no entity passes.
      return anyOf.length
        ? { anyOf: anyOf as [PermissionCriteria<EntitiesSearchFilter>] }
        : { key: annotation(OPENSTACK_ANNOTATIONS.cloud), values: [] };
    },
  });
}
