/** The `openstack` configuration as the plugin uses it. */
import type { OpenStackPricing } from '../cost/priceList';

/**
 * How Canopy authenticates to one cloud's Keystone.
 *
 * @public
 */
export type CloudAuth =
  | {
      type: 'applicationCredential';
      id?: string;
      name?: string;
      user?: {
        id?: string;
        name?: string;
        domainName?: string;
        domainId?: string;
      };
      secret: string;
    }
  | {
      type: 'password';
      username?: string;
      userId?: string;
      password: string;
      userDomainName?: string;
      userDomainId?: string;
      projectName?: string;
      projectId?: string;
      projectDomainName?: string;
      projectDomainId?: string;
    };

/**
 * A Keystone project Canopy may read, the catalog owners it belongs to, and
 * the credential Canopy reads it with. A project that is not mapped is
 * unreachable.
 *
 * @public
 */
export interface MappedProject {
  /** The cloud's name. */
  cloud: string;
  /** Unique within the cloud: `id:<id>` or `name:<domain>/<name>`. */
  key: string;
  id?: string;
  name?: string;
  /** Domain of a project given by name (default: Default). */
  domainName?: string;
  domainId?: string;
  /**
   * Entity refs of its owners (groups, users), lower-cased; `*` for anyone.
   * For a project whose owners come from Keystone (`ownersFrom`), the refs
   * read at the last refresh: empty until the first read succeeds.
   */
  owners: string[];
  /**
   * Set for `owners: { fromKeystone: { roles } }`: the groups and users
   * holding one of these roles in the project are its owners.
   */
  ownersFrom?: { roles: string[] };
  /** True for `owners: ['*']`: the single-tenant form. */
  open: boolean;
  /** Tags an owner's entity may claim besides its own entity tag (`*` matches any run). */
  claimableTags: string[];
  /**
   * What the project's resources may cost a month, in the cloud's pricing
   * currency; requests that would exceed it are refused.
   */
  monthlyBudget?: number;
  /** The credential Canopy uses for this project. */
  auth: CloudAuth;
  /** Where the project is configured, for messages. */
  where: string;
}

/**
 * The credential Canopy reads Keystone's identity API with (users, groups,
 * role assignments): a password credential with the reader role on a domain
 * or on the system, and that scope.
 *
 * @public
 */
export interface IdentityReaderConfig {
  auth: Extract<CloudAuth, { type: 'password' }>;
  scope: { domainId?: string; domainName?: string } | { system: 'all' };
}

/** @public */
export interface CloudConfig {
  name: string;
  authUrl: string;
  regions?: string[];
  interface: 'public' | 'internal' | 'admin';
  /** The cloud's own credential: the default of projects without one. */
  auth?: CloudAuth;
  caFile?: string;
  horizonUrl?: string;
  /** The identity reader (`identity`), when configured. */
  identity?: IdentityReaderConfig;
  /** Prices of the cloud's resources (`pricing`), when configured. */
  pricing?: OpenStackPricing;
  /** The projects Canopy may read, with their owners. */
  projects: MappedProject[];
}

/**
 * How a project is named in messages: its name, else its id.
 *
 * @public
 */
export const projectLabel = (p: Pick<MappedProject, 'id' | 'name'>) =>
  p.name ?? p.id ?? '?';

/** @public */
export interface OpenStackPluginOptions {
  clouds: CloudConfig[];
  /** Per upstream call. */
  requestTimeoutMs: number;
  /** Retries of idempotent GETs on 429, 5xx and connection resets. */
  retries: number;
  /** Page size asked of every list call (limit=). */
  pageSize: number;
  /** A list of one kind stops here and is reported as truncated. */
  maxItemsPerKind: number;
  /** Cache lifetime of entity listings. */
  resourcesTtlMs: number;
  /** Cache lifetime of look-ups (flavors, images, networks, ...). */
  lookupsTtlMs: number;
  /** A cached token is replaced this long before Keystone says it expires. */
  tokenRefreshMarginMs: number;
  /** How long a last good answer may stand in for a failed read. */
  staleTtlMs: number;
  /** How long a failed source is not asked again (doubles while it keeps failing). */
  breakerWindowMs: number;
  /** How long a 403 from a source is believed. */
  forbiddenTtlMs: number;
  /** How often owners taken from Keystone role assignments are read again. */
  ownersRefreshMs: number;
}
