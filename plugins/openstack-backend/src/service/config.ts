import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

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
  /** Retries of idempotent GETs on 5xx and connection resets. */
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
}

const DEFAULTS = {
  requestTimeoutMs: 10_000,
  retries: 2,
  pageSize: 500,
  maxItemsPerKind: 5000,
  resourcesTtlMs: 30_000,
  lookupsTtlMs: 300_000,
  tokenRefreshMarginMs: 60_000,
};

function positive(config: Config, key: string, fallback: number, min = 1) {
  const value = config.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < min) {
    throw new InputError(
      `openstack.${key} must be a number >= ${min}, got ${value}`,
    );
  }
  return value;
}

/** Reads one entry of a clouds.yaml `clouds:` map into Canopy's shape. */
function fromCloudsYaml(
  name: string,
  file: string,
  cloudName: string,
): Omit<CloudConfig, 'name'> {
  let doc: any;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(
      `openstack cloud '${name}': cannot read clouds.yaml at ${file}: ${
        (error as Error).message
      }`,
    );
  }
  const entry = doc?.clouds?.[cloudName];
  if (!entry) {
    throw new InputError(
      `openstack cloud '${name}': no cloud '${cloudName}' in ${file}`,
    );
  }
  const auth = entry.auth ?? {};
  if (!auth.auth_url) {
    throw new InputError(
      `openstack cloud '${name}': clouds.yaml entry '${cloudName}' has no auth.auth_url`,
    );
  }
  let regions: string[] | undefined;
  if (entry.regions) {
    regions = entry.regions.map((r: any) =>
      typeof r === 'string' ? r : r.name,
    );
  } else if (entry.region_name) {
    regions = [entry.region_name];
  }
  let cloudAuth: CloudAuth;
  if (
    entry.auth_type === 'v3applicationcredential' ||
    auth.application_credential_secret
  ) {
    cloudAuth = {
      type: 'applicationCredential',
      id: auth.application_credential_id,
      name: auth.application_credential_name,
      user:
        auth.username || auth.user_id
          ? {
              name: auth.username,
              id: auth.user_id,
              domainName: auth.user_domain_name,
              domainId: auth.user_domain_id,
            }
          : undefined,
      secret: auth.application_credential_secret,
    };
  } else {
    cloudAuth = {
      type: 'password',
      username: auth.username,
      userId: auth.user_id,
      password: auth.password,
      userDomainName: auth.user_domain_name,
      userDomainId: auth.user_domain_id,
      projectName: auth.project_name,
      projectId: auth.project_id,
      projectDomainName: auth.project_domain_name,
      projectDomainId: auth.project_domain_id,
    };
  }
  return {
    authUrl: auth.auth_url,
    regions,
    interface: entry.interface ?? 'public',
    auth: cloudAuth,
    caFile: typeof entry.cacert === 'string' ? entry.cacert : undefined,
  };
}

function readCloud(c: Config): CloudConfig {
  const name = c.getString('name');
  const where = `openstack.clouds[${name}]`;
  const yamlRef = c.getOptionalConfig('cloudsYaml');
  const base: Omit<CloudConfig, 'name'> = yamlRef
    ? fromCloudsYaml(
        name,
        yamlRef.getString('file'),
        yamlRef.getOptionalString('cloud') ?? name,
      )
    : {
        authUrl: c.getString('authUrl'),
        interface: 'public',
        auth: undefined as unknown as CloudAuth,
      };

  const appCred = c.getOptionalConfig('applicationCredential');
  const password = c.getOptionalConfig('password');
  if (appCred && password) {
    throw new InputError(
      `${where}: set either applicationCredential or password, not both`,
    );
  }
  if (appCred) {
    const user = appCred.getOptionalConfig('user');
    base.auth = {
      type: 'applicationCredential',
      id: appCred.getOptionalString('id'),
      name: appCred.getOptionalString('name'),
      user: user
        ? {
            id: user.getOptionalString('id'),
            name: user.getOptionalString('name'),
            domainName: user.getOptionalString('domainName'),
            domainId: user.getOptionalString('domainId'),
          }
        : undefined,
      secret: appCred.getString('secret'),
    };
  } else if (password) {
    base.auth = {
      type: 'password',
      username: password.getOptionalString('username'),
      userId: password.getOptionalString('userId'),
      password: password.getString('password'),
      userDomainName: password.getOptionalString('userDomainName'),
      userDomainId: password.getOptionalString('userDomainId'),
      projectName: password.getOptionalString('projectName'),
      projectId: password.getOptionalString('projectId'),
      projectDomainName: password.getOptionalString('projectDomainName'),
      projectDomainId: password.getOptionalString('projectDomainId'),
    };
  }
  if (!base.auth) {
    throw new InputError(
      `${where}: needs applicationCredential, password or cloudsYaml`,
    );
  }
  if (base.auth.type === 'applicationCredential') {
    if (
      !base.auth.id &&
      !(base.auth.name && (base.auth.user?.id || base.auth.user?.name))
    ) {
      throw new InputError(
        `${where}.applicationCredential: give id, or name together with user (id or name)`,
      );
    }
  } else if (!base.auth.username && !base.auth.userId) {
    throw new InputError(`${where}.password: give username or userId`);
  }

  const iface = c.getOptionalString('interface') ?? base.interface;
  if (!['public', 'internal', 'admin'].includes(iface)) {
    throw new InputError(
      `${where}.interface must be public, internal or admin, got '${iface}'`,
    );
  }
  return {
    ...base,
    name,
    authUrl: (c.getOptionalString('authUrl') ?? base.authUrl).replace(
      /\/+$/,
      '',
    ),
    regions: c.getOptionalStringArray('regions') ?? base.regions,
    interface: iface as CloudConfig['interface'],
    caFile: c.getOptionalString('caFile') ?? base.caFile,
    horizonUrl: c.getOptionalString('horizonUrl'),
  };
}

/** Reads and checks the `openstack` configuration section. */
export function readPluginOptions(config: Config): OpenStackPluginOptions {
  const section = config.getOptionalConfig('openstack');
  const clouds = (section?.getOptionalConfigArray('clouds') ?? []).map(
    readCloud,
  );
  const names = new Set<string>();
  for (const cloud of clouds) {
    if (names.has(cloud.name)) {
      throw new InputError(
        `openstack.clouds: the name '${cloud.name}' is used twice`,
      );
    }
    names.add(cloud.name);
  }
  if (!section) {
    return { clouds, ...DEFAULTS };
  }
  return {
    clouds,
    requestTimeoutMs: positive(
      section,
      'requestTimeoutMs',
      DEFAULTS.requestTimeoutMs,
      100,
    ),
    retries: positive(section, 'retries', DEFAULTS.retries, 0),
    pageSize: positive(section, 'pageSize', DEFAULTS.pageSize),
    maxItemsPerKind: positive(
      section,
      'maxItemsPerKind',
      DEFAULTS.maxItemsPerKind,
    ),
    resourcesTtlMs:
      positive(
        section,
        'cache.resourcesTtlSeconds',
        DEFAULTS.resourcesTtlMs / 1000,
        0,
      ) * 1000,
    lookupsTtlMs:
      positive(
        section,
        'cache.lookupsTtlSeconds',
        DEFAULTS.lookupsTtlMs / 1000,
        0,
      ) * 1000,
    tokenRefreshMarginMs:
      positive(
        section,
        'tokenRefreshMarginSeconds',
        DEFAULTS.tokenRefreshMarginMs / 1000,
        0,
      ) * 1000,
  };
}

/** Every secret value in the configuration, so error texts can be scrubbed of them. */
export function secretsOf(options: OpenStackPluginOptions): string[] {
  return options.clouds
    .map(c => (c.auth.type === 'password' ? c.auth.password : c.auth.secret))
    .filter((s): s is string => typeof s === 'string' && s.length > 0);
}
