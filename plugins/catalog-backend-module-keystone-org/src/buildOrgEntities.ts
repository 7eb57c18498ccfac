import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  type GroupEntity,
  type UserEntity,
} from '@backstage/catalog-model';
import {
  keystoneEntityName,
  keystoneNamespace,
  type KeystoneDomain,
  type KeystoneGroup,
  type KeystoneUser,
} from '@canopy-idp/plugin-openstack-node';

/**
 * Annotations on the Groups and Users the Keystone org provider writes.
 *
 * @public
 */
export const KEYSTONE_ORG_ANNOTATIONS = {
  /** The cloud (`openstack.clouds[].name`) the entity was read from. */
  cloud: 'openstack.canopy-idp.io/cloud',
  /** The Keystone id of the group or user. */
  id: 'openstack.canopy-idp.io/keystone-id',
  /** The Keystone domain id of the group or user. */
  domainId: 'openstack.canopy-idp.io/keystone-domain-id',
} as const;

/**
 * One domain as read: its groups, its users, and each group's members (user ids).
 *
 * @public
 */
export interface DomainRead {
  domain: KeystoneDomain;
  groups: KeystoneGroup[];
  users: KeystoneUser[];
  members: Map<string, string[]>;
}

/**
 * What the build made, and what it left out (with why).
 *
 * @public
 */
export interface OrgEntities {
  groups: GroupEntity[];
  users: UserEntity[];
  skipped: string[];
}

/**
 * Keystone groups and users → Group and User entities. Names follow
 * `keystoneEntityName` in the domain's `keystoneNamespace`, the same rule
 * project owners from Keystone use. Left out, each with a reason: a group or
 * user whose name gives no entity name, names that collide once normalised
 * (all of them: no one may take another's identity), and disabled users.
 *
 * @public
 */
export function buildOrgEntities(
  cloud: string,
  reads: DomainRead[],
  options: { groupType: string },
): OrgEntities {
  const out: OrgEntities = { groups: [], users: [], skipped: [] };
  for (const { domain, groups, users, members } of reads) {
    const namespace = keystoneNamespace(domain.name);
    const location = `keystone-org:${cloud}/${domain.name}`;
    const annotations = (id: string) => ({
      [ANNOTATION_LOCATION]: location,
      [ANNOTATION_ORIGIN_LOCATION]: location,
      [KEYSTONE_ORG_ANNOTATIONS.cloud]: cloud,
      [KEYSTONE_ORG_ANNOTATIONS.id]: id,
      [KEYSTONE_ORG_ANNOTATIONS.domainId]: domain.id,
    });
    const groupNames = uniqueNames('group', groups, domain, out.skipped);
    const userNames = uniqueNames(
      'user',
      users.filter(u => {
        if (u.enabled === false) {
          out.skipped.push(
            `user '${u.name}' of domain '${domain.name}': disabled in Keystone`,
          );
        }
        return u.enabled !== false;
      }),
      domain,
      out.skipped,
    );
    const memberOf = new Map<string, string[]>();
    for (const group of groups) {
      const name = groupNames.get(group.id);
      if (!name) continue;
      for (const userId of members.get(group.id) ?? []) {
        memberOf.set(userId, [
          ...(memberOf.get(userId) ?? []),
          `group:${namespace}/${name}`,
        ]);
      }
      out.groups.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: {
          name,
          namespace,
          title: group.name,
          ...(group.description ? { description: group.description } : {}),
          annotations: annotations(group.id),
        },
        spec: {
          type: options.groupType,
          profile: { displayName: group.name },
          children: [],
        },
      });
    }
    for (const user of users) {
      const name = userNames.get(user.id);
      if (!name) continue;
      out.users.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: {
          name,
          namespace,
          title: user.name,
          ...(user.description ? { description: user.description } : {}),
          annotations: annotations(user.id),
        },
        spec: {
          profile: {
            displayName: user.name,
            ...(user.email ? { email: user.email } : {}),
          },
          memberOf: (memberOf.get(user.id) ?? []).sort(),
        },
      });
    }
  }
  return out;
}

/** Keystone id → entity name, for those whose name is valid and unique. */
function uniqueNames(
  kind: 'group' | 'user',
  items: Array<{ id: string; name: string }>,
  domain: KeystoneDomain,
  skipped: string[],
): Map<string, string> {
  const byName = new Map<string, Array<{ id: string; name: string }>>();
  for (const item of items) {
    const name = keystoneEntityName(item.name);
    if (!name) {
      skipped.push(
        `${kind} '${item.name}' of domain '${domain.name}': its name gives no entity name (letters, digits, - _ . and at most 63 characters)`,
      );
      continue;
    }
    byName.set(name, [...(byName.get(name) ?? []), item]);
  }
  const out = new Map<string, string>();
  for (const [name, same] of byName) {
    if (same.length > 1) {
      skipped.push(
        `${kind}s ${same.map(s => `'${s.name}'`).join(', ')} of domain '${
          domain.name
        }': all would be named '${name}'; none is ingested`,
      );
      continue;
    }
    out.set(same[0].id, name);
  }
  return out;
}
