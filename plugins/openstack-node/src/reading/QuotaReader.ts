import type {
  OpenStackQuota,
  OpenStackQuotaHeadroom,
  OpenStackQuotaHeadroomResponse,
} from '@canopy-idp/plugin-openstack-common';
import type { ResourceLister } from './ResourceLister';
import type { Target } from './ScopeResolver';

/** What is left of each quota: limit - inUse - reserved, or null when unlimited. */
function left(set?: Record<string, OpenStackQuota>) {
  const out: Record<string, number | null> = {};
  for (const [k, q] of Object.entries(set ?? {})) {
    out[k] = q.limit < 0 ? null : q.limit - q.inUse - q.reserved;
  }
  return out;
}

/** The project's remaining quota in one region, for forms and the quota preflight. */
export class QuotaReader {
  constructor(private readonly lister: ResourceLister) {}

  async headroom(
    target: Omit<Target, 'tags'> & { region: string },
  ): Promise<OpenStackQuotaHeadroomResponse> {
    const { quotas, sources } = await this.lister.quotaUsage({
      ...target,
      regions: [target.region],
      tags: [],
    });
    const usage = quotas[0] ?? { region: target.region };
    const headroom: OpenStackQuotaHeadroom = {
      region: target.region,
      compute: left(usage.compute),
      network: left(usage.network),
      volume: left(usage.volume),
      usage,
    };
    return { headroom, sources };
  }
}
