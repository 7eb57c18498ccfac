import type { OpenStackSourceStatus } from '@canopy-idp/plugin-openstack-common';
import { ScopeError, UpstreamError } from '../http/errors';
import type { BreakerFailure } from './CircuitBreaker';
import type { Target } from './ScopeResolver';

/**
 * The source status (Keystone, region `*`) and the failure to report when a
 * target could not be resolved, before any service was asked.
 */
export function failedScope(
  target: Pick<Target, 'cloud'>,
  error: unknown,
  kinds: string[],
): { source: OpenStackSourceStatus; breaker: BreakerFailure } {
  const known = error instanceof UpstreamError || error instanceof ScopeError;
  const status = error instanceof UpstreamError ? error.kind : 'error';
  const message = known
    ? (error as Error).message
    : 'unexpected error; see the backend log';
  return {
    breaker: { status, message },
    source: {
      cloud: target.cloud,
      region: '*',
      service: 'identity',
      status,
      message,
      kinds,
      durationMs: 0,
    },
  };
}
