import { secretsOf } from '../config/readPluginOptions';
import type { CloudConfig, OpenStackPluginOptions } from '../config/types';
import { Http, HttpClient } from '../http/HttpClient';
import { SessionPool } from '../keystone/SessionPool';
import { CircuitBreakers } from '../reading/CircuitBreaker';

/**
 * Hooks for tests and benchmarks: the clock, a counter of upstream calls, and
 * the HTTP per cloud (the fake of `@canopy-idp/plugin-openstack-node/testUtils`).
 *
 * @public
 */
export interface OpenStackConnectionHooks {
  now?: () => number;
  onUpstreamCall?: (what: string) => void;
  /** HTTP per cloud, in place of one real client per cloud. */
  httpFor?: (cloud: CloudConfig) => Http;
}

/**
 * What every OpenStack reader of one backend process shares, whichever plugin
 * it serves: one HTTP client per cloud, one bounded Keystone session pool
 * (one session per credential and scope) and one set of circuit breakers per
 * credential and source. `openStackProjectsServiceRef` holds the process's
 * instance; each plugin's `openstackServiceRef` reads through it.
 *
 * @public
 */
export class OpenStackConnections {
  /** @internal */
  readonly pool: SessionPool;
  /** @internal */
  readonly breakers: CircuitBreakers;
  /** The clock the parts share. */
  readonly now: () => number;
  /** The HTTP client of a cloud (one per cloud). */
  readonly httpFor: (cloud: CloudConfig) => Http;

  constructor(
    options: OpenStackPluginOptions,
    hooks: OpenStackConnectionHooks = {},
  ) {
    this.now = hooks.now ?? Date.now;
    const secrets = secretsOf(options);
    const http = new Map<string, Http>();
    const httpFor = (this.httpFor =
      hooks.httpFor ??
      ((cloud: CloudConfig) => {
        let client = http.get(cloud.name);
        if (!client) {
          client = new HttpClient({
            timeoutMs: options.requestTimeoutMs,
            retries: options.retries,
            secrets,
            caFile: cloud.caFile,
          });
          http.set(cloud.name, client);
        }
        return client;
      }));
    this.pool = new SessionPool({
      maxSessions: 256,
      maxFailures: 4096,
      refusalBackoffMs: 60_000,
      maxBackoffMs: 900_000,
      outageBackoffMs: Math.min(options.breakerWindowMs, 15_000),
      refreshMarginMs: options.tokenRefreshMarginMs,
      now: this.now,
      httpFor,
      onUpstreamCall: hooks.onUpstreamCall,
    });
    this.breakers = new CircuitBreakers({
      windowMs: options.breakerWindowMs,
      maxWindowMs: options.breakerWindowMs * 8,
      forbiddenWindowMs: options.forbiddenTtlMs,
      now: this.now,
    });
  }

  /** Sessions and remembered authentication failures held now. */
  sessionStats() {
    return this.pool.stats();
  }
}
