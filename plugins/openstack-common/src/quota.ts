import { InputError } from '@backstage/errors';
import type { OpenStackFlavor, OpenStackQuotaHeadroom } from './types';

/**
 * What a request takes from the project's quotas. The form's quota preview and
 * the server-side preflight both compute it with {@link quotaRequestFor}, so
 * they always agree.
 *
 * @public
 */
export type OpenStackQuotaRequest = {
  instances: number;
  cores: number;
  ramMiB: number;
  volumes: number;
  gigabytes: number;
  floatingIps: number;
};

/**
 * Servers, volumes and floating IPs a template asks for.
 *
 * @public
 */
export type OpenStackQuotaSpec = {
  servers?: Array<{
    /** The flavor the servers use (vCPUs and RAM count against the quota). */
    flavor: Pick<OpenStackFlavor, 'name' | 'vcpus' | 'ramMiB'>;
    count: number;
    /** Volumes each server gets (boot volume and data volumes), in GiB. */
    volumesGiB?: number[];
    /** Whether each server gets a floating IP. */
    floatingIp?: boolean;
  }>;
  /** Volumes not attached to a server, in GiB. */
  volumesGiB?: number[];
  /** Floating IPs not attached to a server (e.g. a load balancer's). */
  floatingIps?: number;
};

/**
 * One quota the request does not fit in.
 *
 * @public
 */
export type OpenStackQuotaViolation = {
  /** Canopy's name of the limit, e.g. `cores`. */
  limit: keyof OpenStackQuotaRequest;
  /** OpenStack service and quota key, e.g. `compute.cores`. */
  quota: string;
  requested: number;
  remaining: number;
  /** requested - remaining. */
  exceededBy: number;
};

/**
 * Where each of Canopy's limits lives in Nova, Cinder and Neutron quota sets.
 *
 * @public
 */
export const OPENSTACK_QUOTA_KEYS: Record<
  keyof OpenStackQuotaRequest,
  {
    service: 'compute' | 'volume' | 'network';
    key: string;
    unit?: 'MiB' | 'GiB';
  }
> = {
  instances: { service: 'compute', key: 'instances' },
  cores: { service: 'compute', key: 'cores' },
  ramMiB: { service: 'compute', key: 'ram', unit: 'MiB' },
  volumes: { service: 'volume', key: 'volumes' },
  gigabytes: { service: 'volume', key: 'gigabytes', unit: 'GiB' },
  floatingIps: { service: 'network', key: 'floatingip' },
};

/**
 * Adds up what a request takes from each quota.
 *
 * @public
 */
export function quotaRequestFor(
  spec: OpenStackQuotaSpec,
): OpenStackQuotaRequest {
  const request: OpenStackQuotaRequest = {
    instances: 0,
    cores: 0,
    ramMiB: 0,
    volumes: 0,
    gigabytes: 0,
    floatingIps: spec.floatingIps ?? 0,
  };
  for (const s of spec.servers ?? []) {
    const sizes = (s.volumesGiB ?? []).filter(size => size > 0);
    request.instances += s.count;
    request.cores += s.count * s.flavor.vcpus;
    request.ramMiB += s.count * s.flavor.ramMiB;
    request.volumes += s.count * sizes.length;
    request.gigabytes += s.count * sizes.reduce((a, b) => a + b, 0);
    if (s.floatingIp) request.floatingIps += s.count;
  }
  for (const size of (spec.volumesGiB ?? []).filter(v => v > 0)) {
    request.volumes += 1;
    request.gigabytes += size;
  }
  return request;
}

/**
 * The quotas a request exceeds; empty when it fits. A quota the cloud does not
 * report, or reports as unlimited, is never exceeded.
 *
 * @public
 */
export function quotaViolations(
  request: OpenStackQuotaRequest,
  headroom: Pick<OpenStackQuotaHeadroom, 'compute' | 'network' | 'volume'>,
): OpenStackQuotaViolation[] {
  const out: OpenStackQuotaViolation[] = [];
  for (const [limit, where] of Object.entries(OPENSTACK_QUOTA_KEYS) as Array<
    [keyof OpenStackQuotaRequest, (typeof OPENSTACK_QUOTA_KEYS)['cores']]
  >) {
    const remaining = headroom[where.service]?.[where.key];
    const requested = request[limit];
    if (remaining === null || remaining === undefined || requested === 0) {
      continue;
    }
    if (requested > remaining) {
      out.push({
        limit,
        quota: `${where.service}.${where.key}`,
        requested,
        remaining: Math.max(remaining, 0),
        exceededBy: requested - Math.max(remaining, 0),
      });
    }
  }
  return out;
}

/**
 * One line per violation, e.g. "cores: asks for 8, 2 left (over by 6)".
 *
 * @public
 */
export function describeQuotaViolations(
  violations: OpenStackQuotaViolation[],
): string {
  return violations
    .map(v => {
      const unit = OPENSTACK_QUOTA_KEYS[v.limit].unit;
      const u = unit ? ` ${unit}` : '';
      return `${v.quota}: asks for ${v.requested}${u}, ${v.remaining}${u} left (over by ${v.exceededBy}${u})`;
    })
    .join('; ');
}

/**
 * Gives each requested server its flavor, found by name or id among the
 * region's flavors; a flavor the region does not have fails with an
 * InputError naming the field (`servers.0.flavor`) and the flavors there are.
 *
 * @public
 */
export function withFlavors<T extends { flavor: string }>(
  servers: T[],
  flavors: OpenStackFlavor[],
  where: string,
): Array<Omit<T, 'flavor'> & { flavor: OpenStackFlavor }> {
  return servers.map((s, i) => {
    const flavor = flavors.find(f => f.name === s.flavor || f.id === s.flavor);
    if (!flavor) {
      throw new InputError(
        `servers.${i}.flavor: there is no flavor '${
          s.flavor
        }' in ${where} (available: ${
          flavors.map(f => f.name).join(', ') || 'none'
        })`,
      );
    }
    return { ...s, flavor };
  });
}
