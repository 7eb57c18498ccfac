/**
 * Test helpers for code that reads Canopy's OpenStack API.
 *
 * @packageDocumentation
 */
import type { OpenStackEntityResources, OpenStackResources } from '../index';

export type {
  OpenStackApiComponents,
  OpenStackEntityResources,
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
