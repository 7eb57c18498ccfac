import type { CloudAuth, CloudConfig } from '../config/types';
import { ScopeError, UpstreamError } from '../http/errors';
import type { Http } from '../http/HttpClient';
import { KeystoneSession } from './KeystoneSession';
import type { KeystoneToken, ProjectScope } from './token';

/** A remembered authentication failure and when to try again. */
interface Failure {
  error: Error;
  until: number;
  attempts: number;
}

export interface SessionPoolOptions {
  /** Most sessions kept; the least recently used goes first. */
  maxSessions: number;
  /** Most failures remembered; the least recently used goes first. */
  maxFailures: number;
  /** First wait after Keystone refused a scope; doubles on each refusal. */
  refusalBackoffMs: number;
  /** Longest wait after refusals. */
  maxBackoffMs: number;
  /** Wait after Keystone did not answer (timeout, 5xx, no connection). */
  outageBackoffMs: number;
  refreshMarginMs: number;
  now: () => number;
  httpFor: (cloud: CloudConfig) => Http;
  onUpstreamCall?: (what: string) => void;
}

/** Keystone refused the credential or the scope: asking again soon will not help. */
function isRefusal(error: unknown) {
  return (
    error instanceof ScopeError ||
    (error instanceof UpstreamError &&
      (error.status === 401 || error.status === 403 || error.status === 404))
  );
}

/** A Map used as a bounded least-recently-used list. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: string, value: V) {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) {
      this.map.delete(this.map.keys().next().value as string);
    }
  }
  delete(key: string) {
    this.map.delete(key);
  }
  get size() {
    return this.map.size;
  }
}

/**
 * What a session is for: the credential, the project it scopes to, and the
 * key sessions are shared under (one per mapped project today; a per-user
 * credential source would add the user).
 *
 * @public
 */
export interface SessionScope {
  key: string;
  auth: CloudAuth;
  project?: ProjectScope;
}

/**
 * Keystone sessions per (cloud, scope), bounded. A scope Keystone refused
 * (an unknown project, a bad credential) is remembered with exponential
 * backoff and costs no further Keystone call until then; a Keystone that
 * did not answer is left alone for a short while. Sessions that fail are not
 * kept, so a flood of unknown projects holds only small failure records.
 */
export class SessionPool {
  private readonly sessions: Lru<KeystoneSession>;
  private readonly failures: Lru<Failure>;
  /** One acquisition per scope at a time: concurrent callers share it. */
  private readonly inflight = new Map<
    string,
    Promise<{ session: KeystoneSession; token: KeystoneToken }>
  >();

  constructor(private readonly options: SessionPoolOptions) {
    this.sessions = new Lru(options.maxSessions);
    this.failures = new Lru(options.maxFailures);
  }

  /** Sessions and remembered failures held now. */
  stats() {
    return { sessions: this.sessions.size, failures: this.failures.size };
  }

  /**
   * A session with a valid token for the cloud and scope. Concurrent
   * requests for one scope share one Keystone call, and one failure record.
   */
  token(
    cloud: CloudConfig,
    scope: SessionScope,
  ): Promise<{ session: KeystoneSession; token: KeystoneToken }> {
    const key = `${cloud.name}\u0000${scope.key}`;
    let flight = this.inflight.get(key);
    if (!flight) {
      flight = this.acquire(key, cloud, scope).finally(() =>
        this.inflight.delete(key),
      );
      this.inflight.set(key, flight);
    }
    return flight;
  }

  private async acquire(
    key: string,
    cloud: CloudConfig,
    scope: SessionScope,
  ): Promise<{ session: KeystoneSession; token: KeystoneToken }> {
    const failure = this.failures.get(key);
    if (failure && failure.until > this.options.now()) throw failure.error;
    let session = this.sessions.get(key);
    if (!session) {
      session = new KeystoneSession(
        cloud,
        scope.auth,
        scope.project,
        this.options.httpFor(cloud),
        {
          refreshMarginMs: this.options.refreshMarginMs,
          now: this.options.now,
          onUpstreamCall: this.options.onUpstreamCall,
        },
      );
    }
    try {
      const token = await session.getToken();
      this.failures.delete(key);
      this.sessions.set(key, session);
      return { session, token };
    } catch (error) {
      this.sessions.delete(key);
      this.remember(key, error as Error, failure);
      throw error;
    }
  }

  private remember(key: string, error: Error, previous?: Failure) {
    const attempts = (previous?.attempts ?? 0) + 1;
    const wait = isRefusal(error)
      ? Math.min(
          this.options.refusalBackoffMs * 2 ** (attempts - 1),
          this.options.maxBackoffMs,
        )
      : this.options.outageBackoffMs;
    this.failures.set(key, {
      error,
      attempts,
      until: this.options.now() + wait,
    });
  }
}
