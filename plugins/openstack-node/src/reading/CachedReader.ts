import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { JsonValue } from '@backstage/types';
import type { OpenStackSourceStatus } from '@canopy-idp/plugin-openstack-common';
import {
  ScopeError,
  ServiceUnavailableError,
  UpstreamError,
} from '../http/errors';
import { BreakerFailure, CircuitBreakers } from './CircuitBreaker';

/** The outcome of one read: the value (fresh, cached or stale) and the source's status. */
export interface Outcome<T> {
  value?: T;
  status: OpenStackSourceStatus['status'];
  message?: string;
  cached: boolean;
  /** Set when the read failed and the last good answer stands in for it. */
  staleAgeSeconds?: number;
}

interface StaleEntry {
  value: JsonValue;
  at: number;
}

export interface CachedReaderOptions {
  /** How long a last good answer may stand in for a failed read. */
  staleTtlMs: number;
  breakers: CircuitBreakers;
  now: () => number;
}

/**
 * Reads through Backstage's cache service (memory, or Redis shared by every
 * replica). Identical reads in flight share one upstream call. A failed
 * source is not asked again while its circuit breaker is open, and when a
 * read fails its last good answer, kept longer under a `stale:` key, is
 * served marked stale with its age (stale-while-error). A 403 is reported
 * as `forbidden`, a service missing from the catalog as `unavailable`.
 */
export class CachedReader {
  private readonly inFlight = new Map<string, Promise<JsonValue>>();

  constructor(
    private readonly cache: CacheService,
    private readonly logger: LoggerService,
    private readonly options: CachedReaderOptions,
  ) {}

  async read<T extends JsonValue>(
    source: string,
    key: string,
    ttlMs: number,
    read: () => Promise<T>,
  ): Promise<Outcome<T>> {
    if (ttlMs > 0) {
      const hit = (await this.cache.get(key)) as T | undefined;
      if (hit !== undefined) return { value: hit, status: 'ok', cached: true };
    }
    const open = this.options.breakers.check(source);
    if (open) return this.fallBack(key, open);
    try {
      const value = await this.shared(key, ttlMs, read);
      this.options.breakers.succeeded(source);
      return { value, status: 'ok', cached: false };
    } catch (error) {
      if (error instanceof ServiceUnavailableError) {
        return { status: 'unavailable', message: error.message, cached: false };
      }
      const failure = this.classify(error);
      this.options.breakers.failed(source, failure);
      return this.fallBack(key, failure);
    }
  }

  /**
   * A value under `key`: from the cache, or from the read of it already under
   * way, or read now and kept for `ttlMs` (not kept when 0). For reference
   * data a read needs (a region's external networks): no breaker, no stale
   * copy; a failure is the caller's.
   */
  async remember<T extends JsonValue>(
    key: string,
    ttlMs: number,
    read: () => Promise<T>,
  ): Promise<T> {
    const pending = this.inFlight.get(key) as Promise<T> | undefined;
    if (pending) return pending;
    if (ttlMs > 0) {
      const hit = (await this.cache.get(key)) as T | undefined;
      if (hit !== undefined) return hit;
    }
    return this.shared(key, ttlMs, read, false);
  }

  /** The last good answer for `key`, if any, as a stale stand-in for `failure`. */
  async fallBack<T extends JsonValue>(
    key: string,
    failure: BreakerFailure,
  ): Promise<Outcome<T>> {
    const stale = (await this.cache.get(`stale:${key}`)) as
      | StaleEntry
      | undefined;
    if (!stale) {
      return {
        status: failure.status,
        message: failure.message,
        cached: false,
      };
    }
    const ageSeconds = Math.round((this.options.now() - stale.at) / 1000);
    return {
      value: stale.value as T,
      status: failure.status,
      message: `${failure.message}; showing the answer from ${ageSeconds} s ago`,
      cached: true,
      staleAgeSeconds: ageSeconds,
    };
  }

  private shared<T extends JsonValue>(
    key: string,
    ttlMs: number,
    read: () => Promise<T>,
    keepStale = true,
  ): Promise<T> {
    let pending = this.inFlight.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = read()
        .then(async value => {
          if (ttlMs > 0) await this.cache.set(key, value, { ttl: ttlMs });
          if (keepStale && this.options.staleTtlMs > 0) {
            const stale: StaleEntry = { value, at: this.options.now() };
            await this.cache.set(
              `stale:${key}`,
              stale as unknown as JsonValue,
              { ttl: this.options.staleTtlMs },
            );
          }
          return value;
        })
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private classify(error: unknown): BreakerFailure {
    if (error instanceof UpstreamError) {
      return { status: error.kind, message: error.message };
    }
    if (error instanceof ScopeError) {
      return { status: 'error', message: error.message };
    }
    this.logger.error(
      `Unexpected error reading OpenStack: ${(error as Error).message}`,
    );
    return {
      status: 'error',
      message: 'unexpected error; see the backend log',
    };
  }
}
