import type { CloudAuth, CloudConfig } from '../config/types';
import { ScopeError, UpstreamError } from '../http/errors';
import type { Http, HttpResponse } from '../http/HttpClient';
import { authRequestBody } from './authBody';
import type { KeystoneToken, ProjectScope } from './token';

/** The Keystone fields of `POST /auth/tokens` that Canopy reads. */
interface RawTokenBody {
  token?: {
    expires_at: string;
    issued_at?: string;
    project?: { id: string; name: string };
    catalog?: KeystoneToken['catalog'];
  };
}

/**
 * One authenticated session against a cloud's Keystone, scoped to one
 * project. A token is used until `refreshMarginMs` before it expires, then
 * replaced; if replacing it fails while it is still valid, it is kept until
 * it expires. Concurrent authentications share one call, and a 401 from any
 * service re-authenticates once and repeats the call.
 */
export class KeystoneSession {
  private token?: KeystoneToken;
  private pending?: Promise<KeystoneToken>;

  constructor(
    readonly cloud: CloudConfig,
    private readonly auth: CloudAuth,
    private readonly scope: ProjectScope | undefined,
    private readonly http: Http,
    private readonly options: {
      refreshMarginMs: number;
      now: () => number;
      /** Counts upstream calls, for benchmarks and tests. */
      onUpstreamCall?: (what: string) => void;
    },
  ) {}

  /** A valid token: the current one unless it is about to expire. */
  async getToken(): Promise<KeystoneToken> {
    const current = this.token;
    if (!current) return this.authenticate();
    // Never spend more than a quarter of a token's life in the margin, so
    // clouds with short token lifetimes still reuse their tokens.
    const margin = Math.min(
      this.options.refreshMarginMs,
      (current.expiresAt - current.issuedAt) / 4,
    );
    const now = this.options.now();
    if (current.expiresAt - margin > now) return current;
    try {
      return await this.authenticate();
    } catch (error) {
      // Keystone did not give a new token, but the current one still works.
      if (current.expiresAt > this.options.now()) return current;
      throw error;
    }
  }

  private authenticate(): Promise<KeystoneToken> {
    if (!this.pending) {
      this.pending = this.issueToken().finally(() => {
        this.pending = undefined;
      });
    }
    return this.pending;
  }

  private async issueToken(): Promise<KeystoneToken> {
    this.options.onUpstreamCall?.('identity');
    const res = await this.http.request(
      'POST',
      `${this.cloud.authUrl}/auth/tokens`,
      {
        body: authRequestBody(this.auth, this.scope),
        what: `Keystone of cloud '${this.cloud.name}'`,
      },
    );
    const value = res.headers.get('x-subject-token');
    const body = (res.body as RawTokenBody | undefined)?.token;
    if (!value || !body) {
      throw new UpstreamError(
        `Keystone of cloud '${this.cloud.name}' answered without a token`,
        'error',
      );
    }
    if (!body.project) {
      throw new ScopeError(
        `cloud '${this.cloud.name}': the token is not scoped to a project; configure a project for the credential`,
      );
    }
    const token: KeystoneToken = {
      value,
      expiresAt: Date.parse(body.expires_at),
      issuedAt: Date.parse(body.issued_at ?? '') || this.options.now(),
      project: { id: body.project.id, name: body.project.name },
      catalog: body.catalog ?? [],
    };
    this.token = token;
    return token;
  }

  /**
   * GET `path` below the URL `base` gives for the token, with the token. On
   * 401 the token is dropped, a new one issued, and the call made once more.
   */
  get(
    base: (token: KeystoneToken) => string,
    path: string,
    what: string,
    headers: Record<string, string> = {},
  ): Promise<HttpResponse> {
    return this.call('GET', base, path, what, headers);
  }

  /** POST `body` to `path` below the URL `base` gives, as {@link KeystoneSession.get}. */
  post(
    base: (token: KeystoneToken) => string,
    path: string,
    what: string,
    body: unknown,
  ): Promise<HttpResponse> {
    return this.call('POST', base, path, what, {}, body);
  }

  private async call(
    method: 'GET' | 'POST',
    base: (token: KeystoneToken) => string,
    path: string,
    what: string,
    headers: Record<string, string>,
    body?: unknown,
  ): Promise<HttpResponse> {
    let token = await this.getToken();
    for (let attempt = 0; ; attempt++) {
      this.options.onUpstreamCall?.(what);
      try {
        return await this.http.request(method, `${base(token)}${path}`, {
          headers: { ...headers, 'X-Auth-Token': token.value },
          what,
          ...(body === undefined ? {} : { body }),
        });
      } catch (error) {
        if (
          error instanceof UpstreamError &&
          error.status === 401 &&
          attempt === 0
        ) {
          if (this.token?.value === token.value) this.token = undefined;
          token = await this.authenticate();
          continue;
        }
        throw error;
      }
    }
  }
}
