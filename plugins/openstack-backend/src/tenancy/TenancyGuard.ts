import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  entityTag,
  OPENSTACK_ANNOTATIONS,
  OPENSTACK_RESOURCE_KINDS,
  type OpenStackResourceKind,
} from '@canopy-idp/plugin-openstack-common';
import {
  type CloudConfig,
  type MappedProject,
  type OwnershipResolver,
  ownsProject as owns,
  projectLabel,
  type Target,
  type ProjectMap,
} from '@canopy-idp/plugin-openstack-node';

const RULES = {
  mapped: (cloud: string) =>
    `rule: Canopy reads only the projects listed under openstack.clouds[${cloud}].projects`,
  entityOwner:
    "rule: an entity's resources are listed only when the entity's owner, or a group above it (childOf), is an owner of the project",
  tags: "rule: an entity claims only its own entity tag and the tags its project's claimableTags allow",
  userOwner:
    'rule: look-ups and quotas answer only for projects whose owners include the user or one of their groups',
};

/** The `<kind>/<id>` of a Resource entity's resource annotation. */
function resourceRef(
  entityRef: string,
  value: string,
): { kind: OpenStackResourceKind; id: string } {
  const slash = value.indexOf('/');
  const kind = value.slice(0, slash) as OpenStackResourceKind;
  const id = value.slice(slash + 1);
  if (slash < 1 || !id || !OPENSTACK_RESOURCE_KINDS.includes(kind)) {
    throw new InputError(
      `${entityRef}: annotation ${
        OPENSTACK_ANNOTATIONS.resource
      } must be <kind>/<id> with kind one of ${OPENSTACK_RESOURCE_KINDS.join(
        ', ',
      )}; got '${value}'`,
    );
  }
  return { kind, id };
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);

/** A claimableTags pattern: `*` matches any run of characters. */
function tagPattern(pattern: string): RegExp {
  const source = pattern
    .split('*')
    .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

/**
 * Decides, before anything is asked of OpenStack, which project a request may
 * reach: an entity's own project when the entity's owner owns it and the
 * entity claims only its own tags; for look-ups and quotas, a project the
 * user owns. Everything else is a 403 that names the rule.
 */
export class TenancyGuard {
  constructor(
    private readonly projects: ProjectMap,
    private readonly ownership: OwnershipResolver,
  ) {}

  /** The project an entity's annotations name, mapped, or a 403. */
  private entityProject(
    entityRef: string,
    cloud: CloudConfig,
    ref: string | undefined,
  ): MappedProject {
    const project = this.projects.find(cloud, ref);
    if (project) return project;
    if (!ref) {
      throw new NotAllowedError(
        `${entityRef} names no project (${
          OPENSTACK_ANNOTATIONS.project
        }) and cloud '${cloud.name}' maps several; ${RULES.mapped(cloud.name)}`,
      );
    }
    throw new NotAllowedError(
      `${entityRef}: project '${ref}' of cloud '${
        cloud.name
      }' is not mapped to any owner; ${RULES.mapped(cloud.name)}`,
    );
  }

  /** What an entity may list: its mapped project, its regions and the tags it may claim. */
  async entityTarget(entity: Entity): Promise<Target> {
    const entityRef = stringifyEntityRef(entity);
    const a = entity.metadata.annotations ?? {};
    const cloudName = a[OPENSTACK_ANNOTATIONS.cloud];
    if (!cloudName) {
      throw new InputError(
        `${entityRef} has no ${OPENSTACK_ANNOTATIONS.cloud} annotation, so it names no OpenStack cloud`,
      );
    }
    const cloud = this.projects.cloud(cloudName);
    const project = this.entityProject(
      entityRef,
      cloud,
      a[OPENSTACK_ANNOTATIONS.project] || undefined,
    );
    const label = projectLabel(project);
    if (!project.open) {
      const { ownerRef, refs } = await this.ownership.ofEntityOwner(entity);
      if (!ownerRef || !owns(project, refs)) {
        throw new NotAllowedError(
          `${entityRef}: its owner ${
            ownerRef ?? '(none)'
          } is not an owner of project '${label}' in cloud '${cloud.name}'; ${
            RULES.entityOwner
          }`,
        );
      }
    }
    const resource = a[OPENSTACK_ANNOTATIONS.resource];
    if (resource) {
      return {
        cloud: cloud.name,
        project,
        regions: list(a[OPENSTACK_ANNOTATIONS.regions]),
        tags: [],
        resource: resourceRef(entityRef, resource),
      };
    }
    const own = entityTag(parseEntityRef(entityRef));
    const claimed = list(a[OPENSTACK_ANNOTATIONS.tags]);
    const allowed = project.claimableTags.map(tagPattern);
    for (const tag of claimed) {
      if (tag !== own && !allowed.some(p => p.test(tag))) {
        throw new NotAllowedError(
          `${entityRef} may not claim the tag '${tag}' in project '${label}' of cloud '${cloud.name}' (its own is '${own}'); ${RULES.tags}`,
        );
      }
    }
    return {
      cloud: cloud.name,
      project,
      regions: list(a[OPENSTACK_ANNOTATIONS.regions]),
      tags: claimed.length ? claimed : [own],
    };
  }

  /** The projects of each cloud the user owns (all of an open project). */
  async userProjects(
    credentials: BackstageCredentials,
  ): Promise<Map<string, MappedProject[]>> {
    const refs = await this.userRefs(credentials);
    return new Map(
      this.projects
        .all()
        .map(c => [c.name, c.projects.filter(p => owns(p, refs))]),
    );
  }

  /** The mapped project a look-up names, when the user owns it; else a 403. */
  async userProject(
    credentials: BackstageCredentials,
    cloudName: string,
    ref: string | undefined,
  ): Promise<MappedProject> {
    const cloud = this.projects.cloud(cloudName);
    const refs = await this.userRefs(credentials);
    const user = userRefOf(credentials);
    if (!ref) {
      const mine = cloud.projects.filter(p => owns(p, refs));
      if (mine.length === 1) return mine[0];
      throw new NotAllowedError(
        `${user} owns ${
          mine.length ? 'several projects' : 'no project'
        } in cloud '${cloud.name}'; name one with ?project= (${
          RULES.userOwner
        })`,
      );
    }
    const project = this.projects.find(cloud, ref);
    if (!project) {
      throw new NotAllowedError(
        `project '${ref}' of cloud '${
          cloud.name
        }' is not mapped to any owner; ${RULES.mapped(cloud.name)}`,
      );
    }
    if (!owns(project, refs)) {
      throw new NotAllowedError(
        `${user} is not an owner of project '${projectLabel(
          project,
        )}' in cloud '${cloud.name}'; ${RULES.userOwner}`,
      );
    }
    return project;
  }

  private async userRefs(credentials: BackstageCredentials) {
    const type = (credentials.principal as { type?: string }).type;
    if (type !== 'user') {
      throw new NotAllowedError(
        `OpenStack look-ups and quotas answer for users: call on behalf of a user (the caller is a ${type}); ${RULES.userOwner}`,
      );
    }
    return this.ownership.ofUser(credentials);
  }
}

function userRefOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as { userEntityRef?: string };
  return principal.userEntityRef ?? 'the caller';
}
