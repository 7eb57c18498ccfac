import type { OpenStackEntityResources } from '@canopy-idp/plugin-openstack-common';
import type { OpenStackCostSpec } from './estimate';

/**
 * What runs, as a cost spec per region: each server with its flavor, each
 * volume with its size and type, the floating IPs and the load balancers.
 *
 * @public
 */
export function costSpecsOf(
  resources: OpenStackEntityResources['resources'],
): Map<string, OpenStackCostSpec> {
  const specs = new Map<string, Required<OpenStackCostSpec>>();
  const of = (region: string) => {
    let spec = specs.get(region);
    if (!spec) {
      spec = {
        servers: [],
        volumes: [],
        floatingIps: 0,
        loadBalancers: 0,
        // What runs is priced without its networks and routers.
        networks: 0,
        routers: 0,
      };
      specs.set(region, spec);
    }
    return spec;
  };
  for (const s of resources.servers ?? []) {
    of(s.region).servers.push({ flavor: s.flavor, count: 1 });
  }
  for (const v of resources.volumes ?? []) {
    of(v.region).volumes.push({ sizeGiB: v.sizeGiB, type: v.volumeType });
  }
  for (const f of resources.floatingIps ?? []) of(f.region).floatingIps += 1;
  for (const l of resources.loadBalancers ?? [])
    of(l.region).loadBalancers += 1;
  return specs;
}
