import type { OpenStackServiceType } from '@canopy-idp/plugin-openstack-common';

/**
 * A failed upstream call. `kind` is what a source status reports: `timeout`
 * (no answer in time), `forbidden` (HTTP 403: the credential may not read
 * it) or `error` (any other answer, or no connection). The message never
 * carries tokens or secrets.
 */
export class UpstreamError extends Error {
  readonly kind: 'error' | 'timeout' | 'forbidden';
  readonly status?: number;

  constructor(
    message: string,
    kind: 'error' | 'timeout' | 'forbidden',
    status?: number,
  ) {
    super(message);
    this.name = 'UpstreamError';
    this.kind = kind;
    this.status = status;
  }
}

/** A service missing from the Keystone catalog: reported as `unavailable`, not as an error. */
export class ServiceUnavailableError extends Error {
  constructor(readonly service: OpenStackServiceType, readonly region: string) {
    super(`no ${service} endpoint in region ${region}`);
    this.name = 'ServiceUnavailableError';
  }
}

/** A session that cannot serve the requested project at all. */
export class ScopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScopeError';
  }
}
