import type {
  OpenStackEntityResources,
  OpenStackQuota,
  OpenStackResourceKind,
  OpenStackResources,
} from '@canopy-idp/plugin-openstack-common';
import type { ListResult } from '../openstack/api';
import { KIND_SOURCES, QUOTA_SOURCES } from '../openstack/sources';
import type { Outcome } from './CachedReader';

/** One read of a listing: a resource kind or a quota set, in one region. */
export type Read =
  | {
      region: string;
      kind: OpenStackResourceKind;
      outcome: Outcome<ListResult<unknown>>;
    }
  | {
      region: string;
      quota: keyof typeof QUOTA_SOURCES;
      outcome: Outcome<Record<string, OpenStackQuota>>;
    };

/** The resources of every kind, each kind sorted by name, then id. */
export function mergeResources(reads: Read[]): OpenStackResources {
  return Object.fromEntries(
    (Object.keys(KIND_SOURCES) as OpenStackResourceKind[]).map(kind => [
      kind,
      reads
        .flatMap(r =>
          'kind' in r && r.kind === kind ? r.outcome.value?.items ?? [] : [],
        )
        .sort(byNameThenId),
    ]),
  ) as OpenStackResources;
}

/** The quota usage of each region read, one entry per region. */
export function mergeQuotas(reads: Read[]): OpenStackEntityResources['quotas'] {
  const regions = [
    ...new Set(reads.filter(r => 'quota' in r).map(r => r.region)),
  ];
  return regions.map(region =>
    Object.fromEntries([
      ['region', region],
      ...reads.flatMap(r =>
        'quota' in r && r.region === region && r.outcome.value
          ? [[r.quota, r.outcome.value]]
          : [],
      ),
    ]),
  ) as OpenStackEntityResources['quotas'];
}

function byNameThenId(a: unknown, b: unknown) {
  const x = a as { name?: string; id: string };
  const y = b as { name?: string; id: string };
  return (x.name ?? '').localeCompare(y.name ?? '') || x.id.localeCompare(y.id);
}
