/** Quota sets as Nova, Neutron and Cinder return them. */
import type { OpenStackQuota } from '@canopy-idp/plugin-openstack-common';

/**
 * A quota set: per resource an object with `limit` and the amount used
 * (Nova and Cinder call it `in_use`, Neutron `used`), plus plain fields such
 * as `id` that are not quotas.
 */
export type RawQuotaSet = Record<
  string,
  | {
      limit: number | string;
      in_use?: number | string;
      used?: number | string;
      reserved?: number | string;
    }
  | string
  | number
  | null
>;

/** The quotas of a set, without its other fields. */
export function toQuotaSet(
  raw: RawQuotaSet | undefined,
  usedKey: 'in_use' | 'used',
): Record<string, OpenStackQuota> {
  const out: Record<string, OpenStackQuota> = {};
  for (const [name, q] of Object.entries(raw ?? {})) {
    if (q && typeof q === 'object' && 'limit' in q) {
      out[name] = {
        limit: Number(q.limit),
        inUse: Number(q[usedKey] ?? 0),
        reserved: Number(q.reserved ?? 0),
      };
    }
  }
  return out;
}
