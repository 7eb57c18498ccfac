import type { Entity } from '@backstage/catalog-model';
import {
  OPENSTACK_ANNOTATIONS,
  type OpenStackResources,
} from '@canopy-idp/plugin-openstack-common';
import type {
  InventoryCloud,
  InventoryProject,
} from '@canopy-idp/plugin-openstack-node';
import { dependsOn } from './links';
import {
  ENTITY_KINDS,
  type EntityKind,
  entityOfTag,
  entityOfTagValue,
  RESOURCE_TYPES,
  resourceName,
  resourceRef,
  systemName,
} from './names';

/**
 * Annotations the provider sets besides the OpenStack plugin's own. Only the
 * provider's Systems and Resources carry `owners`, so a permission policy can
 * tell them apart (Canopy's owner-based policy shows them to their project's
 * owners only).
 *
 * @public
 */
export const PROVIDER_ANNOTATIONS = {
  /** Every owner of the project (spec.owner holds the first). */
  owners: 'openstack.canopy-idp.io/owners',
  /** Set only while the source is failing: when the resource was last read. */
  lastSeen: 'openstack.canopy-idp.io/last-seen',
  /** Set only while the source is failing: why it could not be read. */
  lastError: 'openstack.canopy-idp.io/last-read-error',
  /**
   * On a Resource whose Canopy entity tag names an entity that may not claim
   * it (its owner does not own the resource's project, or it is not in the
   * catalog): which entity, and why; the Resource then has no relation to it.
   */
  unclaimedTags: 'openstack.canopy-idp.io/unclaimed-tags',
} as const;

/** An entity with the unit of reading it belongs to. */
export interface UnitEntity {
  /** `<project key>|system`, or `<project key>|<region>|<kind>`. */
  unit: string;
  entity: Entity;
}

export interface ProjectContext {
  cloud: InventoryCloud;
  project: InventoryProject;
  /** The project's owner for spec.owner (first mapped owner, else the default). */
  owner: string;
  /** `backstage.io/managed-by-location` of every entity. */
  location: string;
  /**
   * Why each tagged entity may not claim this project's resources; a tagged
   * entity missing here may (see {@link TagClaims}).
   */
  refused?: Map<string, string>;
}

const HORIZON: Record<EntityKind, (id: string) => string> = {
  servers: id => `/project/instances/${id}/`,
  volumes: id => `/project/volumes/${id}/`,
  networks: id => `/project/networks/${id}/detail`,
  subnets: id => `/project/networks/subnets/${id}/detail`,
  routers: id => `/project/routers/${id}/`,
  floatingIps: () => `/project/floating_ips/`,
  securityGroups: id => `/project/security_groups/${id}/`,
  loadBalancers: id => `/project/load_balancer/${id}/`,
};

export const systemUnit = (project: InventoryProject) =>
  `${project.key}|system`;
export const resourceUnit = (
  project: InventoryProject,
  region: string,
  kind: EntityKind,
) => `${project.key}|${region}|${kind}`;

function baseAnnotations(ctx: ProjectContext) {
  return {
    'backstage.io/managed-by-location': ctx.location,
    'backstage.io/managed-by-origin-location': ctx.location,
    [OPENSTACK_ANNOTATIONS.cloud]: ctx.cloud.name,
    [OPENSTACK_ANNOTATIONS.project]: ctx.project.label,
    [PROVIDER_ANNOTATIONS.owners]: ctx.project.owners.join(','),
  };
}

function horizon(ctx: ProjectContext, path: string) {
  const base = ctx.cloud.horizonUrl;
  return base && /^https?:\/\//i.test(base)
    ? [{ url: `${base.replace(/\/+$/, '')}${path}`, title: 'Horizon' }]
    : undefined;
}

/** The System standing for one project. */
export function projectSystem(ctx: ProjectContext): UnitEntity {
  const links = horizon(ctx, '/project/');
  return {
    unit: systemUnit(ctx.project),
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        name: systemName(ctx.cloud.name, ctx.project.label),
        title: `${ctx.project.label} (OpenStack ${ctx.cloud.name})`,
        description: `OpenStack project ${ctx.project.label} of cloud ${ctx.cloud.name}`,
        annotations: baseAnnotations(ctx),
        tags: ['openstack'],
        ...(links ? { links } : {}),
      },
      spec: { owner: ctx.owner },
    },
  };
}

type AnyResource = OpenStackResources[EntityKind][number];

function titleOf(kind: EntityKind, r: AnyResource): string {
  if ('name' in r && r.name) return r.name;
  if (kind === 'floatingIps') {
    return (r as OpenStackResources['floatingIps'][number]).floatingIpAddress;
  }
  return r.id;
}

function describe(kind: EntityKind, r: AnyResource): string | undefined {
  switch (kind) {
    case 'servers': {
      const s = r as OpenStackResources['servers'][number];
      return s.flavor.name ? `Server, flavor ${s.flavor.name}` : 'Server';
    }
    case 'volumes':
      return `Volume, ${
        (r as OpenStackResources['volumes'][number]).sizeGiB
      } GiB`;
    case 'subnets':
      return `Subnet ${(r as OpenStackResources['subnets'][number]).cidr}`;
    case 'floatingIps': {
      const f = r as OpenStackResources['floatingIps'][number];
      return `Floating IP ${f.floatingIpAddress}${
        f.floatingNetworkName ? ` from ${f.floatingNetworkName}` : ''
      }`;
    }
    default:
      return undefined;
  }
}

/** The catalog entities a resource's Canopy entity tags (or volume metadata) name. */
export function taggedEntities(kind: EntityKind, r: AnyResource): string[] {
  const refs = new Set<string>();
  if ('tags' in r) {
    for (const tag of r.tags) {
      const ref = entityOfTag(tag);
      if (ref) refs.add(ref);
    }
  }
  if (kind === 'volumes') {
    const value = (r as OpenStackResources['volumes'][number]).metadata[
      'canopy.entity'
    ];
    const ref = value ? entityOfTagValue(value) : undefined;
    if (ref) refs.add(ref);
  }
  return [...refs].sort();
}

/**
 * The System of a project and one Resource per resource read, each with the
 * unit it was read in. Resources whose region is one the listing did not read
 * are still placed by their own `region`.
 */
export function projectEntities(
  ctx: ProjectContext,
  resources: OpenStackResources,
): UnitEntity[] {
  const system = projectSystem(ctx);
  const out: UnitEntity[] = [system];
  const regions = new Set<string>();
  for (const kind of ENTITY_KINDS) {
    for (const r of resources[kind]) regions.add(r.region);
  }
  for (const region of [...regions].sort()) {
    const inRegion = Object.fromEntries(
      Object.entries(resources).map(([k, items]) => [
        k,
        (items as AnyResource[]).filter(i => i.region === region),
      ]),
    ) as unknown as OpenStackResources;
    const links = dependsOn(inRegion);
    for (const kind of ENTITY_KINDS) {
      for (const r of inRegion[kind] as AnyResource[]) {
        const ref = resourceRef(kind, r.id);
        const deps = links.get(ref);
        const tagged = taggedEntities(kind, r);
        const of = tagged.filter(e => !ctx.refused?.has(e));
        const unclaimed = tagged
          .filter(e => ctx.refused?.has(e))
          .map(e => `${e}: ${ctx.refused!.get(e)}`);
        const description = describe(kind, r);
        const horizonLinks = horizon(ctx, HORIZON[kind](r.id));
        out.push({
          unit: resourceUnit(ctx.project, region, kind),
          entity: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Resource',
            metadata: {
              name: resourceName(kind, r.id),
              title: titleOf(kind, r),
              ...(description ? { description } : {}),
              annotations: {
                ...baseAnnotations(ctx),
                [OPENSTACK_ANNOTATIONS.regions]: region,
                [OPENSTACK_ANNOTATIONS.resource]: `${kind}/${r.id}`,
                ...(unclaimed.length
                  ? {
                      [PROVIDER_ANNOTATIONS.unclaimedTags]:
                        unclaimed.join('; '),
                    }
                  : {}),
              },
              tags: ['openstack'],
              ...(horizonLinks ? { links: horizonLinks } : {}),
            },
            spec: {
              type: RESOURCE_TYPES[kind],
              owner: ctx.owner,
              system: system.entity.metadata.name,
              ...(deps?.length ? { dependsOn: deps } : {}),
              ...(of.length ? { dependencyOf: of } : {}),
            },
          },
        });
      }
    }
  }
  return out;
}
