import type { CloudConfig } from './config';
import { HttpClient, HttpResponse, UpstreamError } from './http';

interface CatalogEndpoint {
  interface: string;
  region_id?: string;
  region?: string;
  url: string;
}

interface CatalogService {
  type: string;
  name?: string;
  endpoints: CatalogEndpoint[];
}

export interface KeystoneToken {
  value: string;
  expiresAt: number;
  /** When Keystone issued it. */
  issuedAt: number;
  project: { id: string; name: string };
  catalog: CatalogService[];
}

/** Which project a token is scoped to; an id, or a name in a domain. */
export interface ProjectScope {
  id?: string;
  name?: string;
}

const PROJECT_ID = /^[0-9a-f]{32}$/;

/** Reads an entity's project annotation: a Keystone project id or a name. */
export function parseProjectRef(
  ref: string | undefined,
): ProjectScope | undefined {
  if (!ref) return undefined;
  return PROJECT_ID.test(ref) ? { id: ref } : { name: ref };
}

/** Thrown when a session cannot serve the requested project at all. */
export class ScopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScopeError';
  }
}

/**
 * One authenticated session against a cloud's Keystone, scoped to one project.
 * Tokens are cached until `refreshMarginMs` before Keystone says they expire,
 * concurrent authentications are shared, and a 401 from any service
 * re-authenticates once and repeats the call.
 */
export class KeystoneSession {
  private token?: KeystoneToken;
  private pending?: Promise<KeystoneToken>;

  constructor(
    readonly cloud: CloudConfig,
    private readonly scope: ProjectScope | undefined,
    private readonly http: HttpClient,
    private readonly options: {
      refreshMarginMs: number;
      now?: () => number;
      /** Counts upstream calls, for benchmarks and tests. */
      onUpstreamCall?: (what: string) => void;
    },
  ) {}

  private now() {
    return (this.options.now ?? Date.now)();
  }

  /** A valid token, from the cache when it is not about to expire. */
  async getToken(): Promise<KeystoneToken> {
    if (this.token) {
      // Never spend more than a quarter of a token's life in the margin, so
      // clouds with short token lifetimes still reuse their tokens.
      const margin = Math.min(
        this.options.refreshMarginMs,
        (this.token.expiresAt - this.token.issuedAt) / 4,
      );
      if (this.token.expiresAt - margin > this.now()) return this.token;
    }
    return this.authenticate();
  }

  private authenticate(): Promise<KeystoneToken> {
    if (!this.pending) {
      this.pending = this.issueToken().finally(() => {
        this.pending = undefined;
      });
    }
    return this.pending;
  }

  private authBody() {
    const { auth } = this.cloud;
    if (auth.type === 'applicationCredential') {
      const credential: Record<string, unknown> = { secret: auth.secret };
      if (auth.id) {
        credential.id = auth.id;
      } else {
        credential.name = auth.name;
        credential.user = auth.user?.id
          ? { id: auth.user.id }
          : {
              name: auth.user?.name,
              domain: auth.user?.domainId
                ? { id: auth.user.domainId }
                : { name: auth.user?.domainName ?? 'Default' },
            };
      }
      return {
        auth: {
          identity: {
            methods: ['application_credential'],
            application_credential: credential,
          },
        },
      };
    }
    const user: Record<string, unknown> = { password: auth.password };
    if (auth.userId) {
      user.id = auth.userId;
    } else {
      user.name = auth.username;
      user.domain = auth.userDomainId
        ? { id: auth.userDomainId }
        : { name: auth.userDomainName ?? 'Default' };
    }
    const wanted = this.scope ?? {
      id: auth.projectId,
      name: auth.projectName,
    };
    const domain = auth.projectDomainId
      ? { id: auth.projectDomainId }
      : { name: auth.projectDomainName ?? 'Default' };
    let project: Record<string, unknown> | undefined;
    if (wanted.id) project = { id: wanted.id };
    else if (wanted.name) project = { name: wanted.name, domain };
    return {
      auth: {
        identity: { methods: ['password'], password: { user } },
        ...(project ? { scope: { project } } : {}),
      },
    };
  }

  private async issueToken(): Promise<KeystoneToken> {
    this.options.onUpstreamCall?.('identity');
    const res = await this.http.request(
      'POST',
      `${this.cloud.authUrl}/auth/tokens`,
      {
        body: this.authBody(),
        what: `Keystone of cloud '${this.cloud.name}'`,
      },
    );
    const value = res.headers.get('x-subject-token');
    const body = res.body?.token;
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
      issuedAt: Date.parse(body.issued_at ?? '') || this.now(),
      project: { id: body.project.id, name: body.project.name },
      catalog: body.catalog ?? [],
    };
    this.token = token;
    return token;
  }

  /** Regions present in the service catalog. */
  static regionsOf(token: KeystoneToken): string[] {
    const regions = new Set<string>();
    for (const service of token.catalog) {
      for (const e of service.endpoints) {
        const region = e.region_id ?? e.region;
        if (region) regions.add(region);
      }
    }
    return [...regions].sort();
  }

  /** The endpoint of the first of `types` found in `region`, or undefined. */
  endpoint(
    token: KeystoneToken,
    types: string[],
    region: string,
  ): string | undefined {
    for (const type of types) {
      const service = token.catalog.find(s => s.type === type);
      const endpoint = service?.endpoints.find(
        e =>
          e.interface === this.cloud.interface &&
          (e.region_id ?? e.region) === region,
      );
      if (endpoint) return endpoint.url.replace(/\/+$/, '');
    }
    return undefined;
  }

  /**
   * GET `path` (relative to the service endpoint) with the session's token.
   * On 401 the token is dropped, a new one issued, and the call made once more.
   */
  async get(
    base: (token: KeystoneToken) => string,
    path: string,
    what: string,
    headers: Record<string, string> = {},
  ): Promise<HttpResponse> {
    let token = await this.getToken();
    for (let attempt = 0; ; attempt++) {
      this.options.onUpstreamCall?.(what);
      try {
        return await this.http.request('GET', `${base(token)}${path}`, {
          headers: { ...headers, 'X-Auth-Token': token.value },
          what,
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
