import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { fromCloudsYaml } from './cloudsYaml';
import type { CloudAuth, CloudConfig, OpenStackPluginOptions } from './types';

const DEFAULTS = {
  requestTimeoutMs: 10_000,
  retries: 2,
  pageSize: 500,
  maxItemsPerKind: 5000,
  resourcesTtlMs: 30_000,
  lookupsTtlMs: 300_000,
  tokenRefreshMarginMs: 60_000,
  staleTtlMs: 3_600_000,
  breakerWindowMs: 30_000,
  forbiddenTtlMs: 300_000,
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
    staleTtlMs:
      positive(
        section,
        'cache.staleTtlSeconds',
        DEFAULTS.staleTtlMs / 1000,
        0,
      ) * 1000,
    breakerWindowMs:
      positive(
        section,
        'failedSourceRetrySeconds',
        DEFAULTS.breakerWindowMs / 1000,
        1,
      ) * 1000,
    forbiddenTtlMs:
      positive(
        section,
        'cache.forbiddenTtlSeconds',
        DEFAULTS.forbiddenTtlMs / 1000,
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
