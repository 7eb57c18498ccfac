import type { OpenStackSourceStatus } from '@canopy-idp/plugin-openstack-common';
import type { Outcome } from './CachedReader';

/** How bad each status is, to report the worst of a source's reads. */
const SEVERITY: Record<OpenStackSourceStatus['status'], number> = {
  ok: 0,
  unavailable: 1,
  forbidden: 2,
  error: 3,
  timeout: 4,
};

/** The status of one (cloud, region, service) source from the outcomes of its reads. */
export function sourceStatus(options: {
  cloud: string;
  region: string;
  service: OpenStackSourceStatus['service'];
  kinds: string[];
  outcomes: Array<Outcome<unknown>>;
  durationMs: number;
}): OpenStackSourceStatus {
  const worst = options.outcomes.reduce((a, b) =>
    SEVERITY[b.status] > SEVERITY[a.status] ? b : a,
  );
  const status: OpenStackSourceStatus = {
    cloud: options.cloud,
    region: options.region,
    service: options.service,
    status: worst.status,
    kinds: [...new Set(options.kinds)],
    durationMs: options.durationMs,
    cached: options.outcomes.every(o => o.cached),
  };
  if (worst.message) status.message = worst.message;
  const stale = options.outcomes
    .map(o => o.staleAgeSeconds)
    .filter((a): a is number => a !== undefined);
  if (stale.length) {
    status.stale = true;
    status.ageSeconds = Math.max(...stale);
  }
  return status;
}

/** Sorts sources by region, then service, for a stable answer. */
export function bySource(a: OpenStackSourceStatus, b: OpenStackSourceStatus) {
  return a.region.localeCompare(b.region) || a.service.localeCompare(b.service);
}
