/** The `openstack` configuration as the plugin uses it. */

/** How Canopy authenticates to one cloud's Keystone. */
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

export interface CloudConfig {
  name: string;
  authUrl: string;
  regions?: string[];
  interface: 'public' | 'internal' | 'admin';
  auth: CloudAuth;
  caFile?: string;
  horizonUrl?: string;
}

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
}
