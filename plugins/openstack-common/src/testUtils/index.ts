/**
 * Test helpers for code that reads Canopy's OpenStack API.
 *
 * @packageDocumentation
 */
import type {
  OpenStackEntityResources,
  OpenStackFlavor,
  OpenStackResources,
} from '../index';

export type {
  OpenStackApiComponents,
  OpenStackEntityResources,
  OpenStackFlavor,
  OpenStackResources,
} from '../index';

/**
 * An answer of `getEntityResources` for `component:default/payments` in
 * project `demo` of cloud `lab`: nothing listed and every source fine,
 * unless `resources` and `extra` say otherwise.
 *
 * @public
 */
export function entityResourcesOf(
  resources: Partial<OpenStackResources> = {},
  extra: Partial<OpenStackEntityResources> = {},
): OpenStackEntityResources {
  return {
    entityRef: 'component:default/payments',
    cloud: 'lab',
    project: 'demo',
    regions: ['RegionOne'],
    tags: ['canopy.entity=component.default.payments'],
    resources: {
      servers: [],
      volumes: [],
      networks: [],
      subnets: [],
      routers: [],
      ports: [],
      floatingIps: [],
      securityGroups: [],
      loadBalancers: [],
      ...resources,
    },
    quotas: [],
    truncated: [],
    sources: [],
    ...extra,
  };
}

/**
 * A public flavor as the look-up lists it, with id `id-<name>` and no
 * ephemeral disk unless `extra` says otherwise.
 *
 * @public
 */
export function flavorOf(
  name: string,
  vcpus: number,
  ramMiB: number,
  diskGiB: number,
  extra: Partial<OpenStackFlavor> = {},
): OpenStackFlavor {
  return {
    id: `id-${name}`,
    name,
    vcpus,
    ramMiB,
    diskGiB,
    ephemeralGiB: 0,
    isPublic: true,
    ...extra,
  };
}
