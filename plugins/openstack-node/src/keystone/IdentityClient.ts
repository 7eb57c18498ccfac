import type { CloudConfig, IdentityReaderConfig } from '../config/types';
import { UpstreamError } from '../http/errors';
import type { Http } from '../http/HttpClient';

/**
 * A Keystone domain as Canopy reads it.
 *
 * @public
 */
export interface KeystoneDomain {
  id: string;
  name: string;
}

/** @public */
export interface KeystoneGroup {
  id: string;
  name: string;
  domain_id: string;
  description?: string;
}

/** @public */
export interface KeystoneUser {
  id: string;
  name: string;
  domain_id: string;
  enabled?: boolean;
  email?: string;
  description?: string;
}

/**
 * One role assignment on a project, as `include_names=true` gives it.
 *
 * @public
 */
export interface KeystoneRoleAssignment {
  role: { id: string; name?: string };
  user?: { id: string; name?: string; domain?: KeystoneDomain };
  group?: { id: string; name?: string; domain?: KeystoneDomain };
  scope?: { project?: { id: string } };
}

interface TokenBody {
  token?: { expires_at: string; domain?: KeystoneDomain };
}

/**
 * Keystone's identity API read with a cloud's identity reader (`identity`:
 * a password credential with the reader role, scoped to a domain or to the
 * system). The only calls it makes:
 *
 * - `POST /v3/auth/tokens` (domain or system scope);
 * - `GET /v3/domains?name=` (system scope only: a domain-scoped token names
 *   its own domain) — `identity:list_domains`;
 * - `GET /v3/groups?domain_id=` — `identity:list_groups`;
 * - `GET /v3/users?domain_id=` — `identity:list_users`;
 * - `GET /v3/groups/{id}/users` — `identity:list_users_in_group`;
 * - `GET /v3/projects?name=&domain_id=` — `identity:list_projects`;
 * - `GET /v3/role_assignments?scope.project.id=&include_names=true` —
 *   `identity:list_role_assignments`.
 *
 * Keystone's default policies grant each of them to the reader role on the
 * system, and all but the first list to the reader role on the domain.
 * A list Keystone truncated (`list_limit`) is an error, never a short answer.
 *
 * @public
 */
export class IdentityClient {
  private token?: { value: string; until: number; domain?: KeystoneDomain };

  constructor(
    private readonly cloud: Pick<CloudConfig, 'name' | 'authUrl'>,
    private readonly reader: IdentityReaderConfig,
    private readonly http: Http,
    private readonly now: () => number = Date.now,
  ) {}

  private what(call: string) {
    return `Keystone identity API of cloud '${this.cloud.name}' (${call})`;
  }

  private async issue() {
    const a = this.reader.auth;
    const user: Record<string, unknown> = { password: a.password };
    if (a.userId) user.id = a.userId;
    else {
      user.name = a.username;
      user.domain = a.userDomainId
        ? { id: a.userDomainId }
        : { name: a.userDomainName ?? 'Default' };
    }
    const s = this.reader.scope;
    let scope: Record<string, unknown>;
    if ('system' in s) scope = { system: { all: true } };
    else if (s.domainId) scope = { domain: { id: s.domainId } };
    else scope = { domain: { name: s.domainName } };
    const res = await this.http.request(
      'POST',
      `${this.cloud.authUrl}/auth/tokens?nocatalog`,
      {
        body: {
          auth: {
            identity: { methods: ['password'], password: { user } },
            scope,
          },
        },
        what: this.what('token'),
      },
    );
    const value = res.headers.get('x-subject-token');
    const body = (res.body as TokenBody | undefined)?.token;
    if (!value || !body) {
      throw new UpstreamError(
        `${this.what('token')}: answered without a token`,
        'error',
      );
    }
    const expires = Date.parse(body.expires_at);
    // Replaced at half its remaining life, so a read never races expiry.
    this.token = {
      value,
      until: this.now() + Math.max(0, (expires - this.now()) / 2),
      domain: body.domain,
    };
    return this.token;
  }

  private async valid() {
    return this.token && this.token.until > this.now()
      ? this.token
      : this.issue();
  }

  private async get<T>(path: string, key: string, call: string): Promise<T[]> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.valid();
      try {
        const res = await this.http.request(
          'GET',
          `${this.cloud.authUrl}${path}`,
          { headers: { 'X-Auth-Token': token.value }, what: this.what(call) },
        );
        const body = res.body as Record<string, unknown>;
        if (body?.truncated) {
          throw new UpstreamError(
            `${this.what(
              call,
            )}: Keystone truncated the list (its list_limit); raise list_limit for the identity API so Canopy reads the whole list`,
            'error',
          );
        }
        return (body?.[key] as T[] | undefined) ?? [];
      } catch (error) {
        if (
          error instanceof UpstreamError &&
          error.status === 401 &&
          attempt === 0
        ) {
          this.token = undefined;
          continue;
        }
        throw error;
      }
    }
  }

  /** The domains named, with their ids; an unknown name is an error. */
  async domains(names: string[]): Promise<KeystoneDomain[]> {
    const s = this.reader.scope;
    if (!('system' in s)) {
      const own = (await this.valid()).domain;
      if (!own) {
        throw new UpstreamError(
          `${this.what('token')}: the token names no domain`,
          'error',
        );
      }
      const foreign = names.find(
        n => n.toLowerCase() !== own.name.toLowerCase(),
      );
      if (foreign) {
        throw new UpstreamError(
          `${this.what('domains')}: the reader is scoped to domain '${
            own.name
          }' and cannot read domain '${foreign}'; scope it to the system (system: all) to read several domains`,
          'error',
        );
      }
      return [own];
    }
    return Promise.all(
      names.map(name =>
        this.named<KeystoneDomain>(
          'domain',
          name,
          `name=${encodeURIComponent(name)}`,
        ),
      ),
    );
  }

  groups(domainId: string) {
    return this.get<KeystoneGroup>(
      `/groups?domain_id=${encodeURIComponent(domainId)}`,
      'groups',
      'list groups',
    );
  }

  users(domainId: string) {
    return this.get<KeystoneUser>(
      `/users?domain_id=${encodeURIComponent(domainId)}`,
      'users',
      'list users',
    );
  }

  usersInGroup(groupId: string) {
    return this.get<KeystoneUser>(
      `/groups/${encodeURIComponent(groupId)}/users`,
      'users',
      'list users in group',
    );
  }

  /** A project's id from its name and domain (name or id). */
  async projectId(
    name: string,
    domain: { id?: string; name?: string },
  ): Promise<string> {
    const domainId =
      domain.id ?? (await this.domains([domain.name ?? 'Default']))[0].id;
    const project = await this.named<{ id: string }>(
      'project',
      name,
      `name=${encodeURIComponent(name)}&domain_id=${encodeURIComponent(
        domainId,
      )}`,
    );
    return project.id;
  }

  /** The domain or project a name query finds; none is an error. */
  private async named<T>(
    kind: 'domain' | 'project',
    name: string,
    query: string,
  ): Promise<T> {
    const what = `list ${kind}s`;
    const [item] = await this.get<T>(`/${kind}s?${query}`, `${kind}s`, what);
    if (!item) {
      throw new UpstreamError(
        `${this.what(what)}: no ${kind} named '${name}'`,
        'error',
      );
    }
    return item;
  }

  /** The direct role assignments on a project, with names. */
  projectRoleAssignments(projectId: string) {
    return this.get<KeystoneRoleAssignment>(
      `/role_assignments?scope.project.id=${encodeURIComponent(
        projectId,
      )}&include_names=true`,
      'role_assignments',
      'list role assignments',
    );
  }
}
