import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { fromCloudsYaml } from './cloudsYaml';
import { readCredential } from './readCredential';
import { readIdentityReader } from './readIdentityReader';
import { readProjects } from './readProjects';
import type { CloudConfig, OpenStackPluginOptions } from './types';
import { readPricing } from '../cost/readPricing';

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
  ownersRefreshMs: 300_000,
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
  const base = yamlRef
    ? fromCloudsYaml(
        name,
        yamlRef.getString('file'),
        yamlRef.getOptionalString('cloud') ?? name,
      )
    : undefined;
  const own = readCredential(c, where, { cloudsYaml: false });
  if (own && base) {
    throw new InputError(
      `${where}: set either cloudsYaml or a credential (applicationCredential, password), not both`,
    );
  }
  const auth = own ?? base?.auth;
  const authUrl = c.getOptionalString('authUrl') ?? base?.authUrl;
  if (!authUrl) {
    throw new InputError(`${where}: needs authUrl or cloudsYaml`);
  }
  const iface = c.getOptionalString('interface') ?? base?.interface ?? 'public';
  if (!['public', 'internal', 'admin'].includes(iface)) {
    throw new InputError(
      `${where}.interface must be public, internal or admin, got '${iface}'`,
    );
  }
  const pricing = readPricing(c, where);
  const projects = readProjects(c, where, name, auth);
  const budgeted = projects.find(p => p.monthlyBudget !== undefined);
  if (budgeted && !pricing) {
    // A budget nothing can be priced against would pass every request.
    throw new InputError(
      `${budgeted.where}: monthlyBudget needs the cloud's pricing (${where}.pricing): without prices no request can be checked against it`,
    );
  }
  return {
    name,
    authUrl: authUrl.replace(/\/+$/, ''),
    regions: c.getOptionalStringArray('regions') ?? base?.regions,
    interface: iface as CloudConfig['interface'],
    auth,
    caFile: c.getOptionalString('caFile') ?? base?.caFile,
    horizonUrl: c.getOptionalString('horizonUrl'),
    identity: readIdentityReader(c, where),
    pricing,
    projects,
  };
}

/**
 * Reads and checks the `openstack` configuration section.
 *
 * @public
 */
export function readPluginOptions(config: Config): OpenStackPluginOptions {
  const section = config.getOptionalConfig('openstack');
  const clouds = (section?.getOptionalConfigArray('clouds') ?? []).map(
    readCloud,
  );
  const names = new Set<string>();
  for (const cloud of clouds) {
    const fromKeystone = cloud.projects.find(p => p.ownersFrom);
    if (fromKeystone && !cloud.identity) {
      throw new InputError(
        `${fromKeystone.where} takes its owners from Keystone, so openstack.clouds[${cloud.name}].identity must give the identity reader credential (a user with the reader role on the domain or the system)`,
      );
    }
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
    ownersRefreshMs:
      positive(
        section,
        'ownersRefreshSeconds',
        DEFAULTS.ownersRefreshMs / 1000,
        1,
      ) * 1000,
  };
}

/**
 * Every secret value in the configuration, so error texts can be scrubbed of them.
 *
 * @public
 */
export function secretsOf(options: OpenStackPluginOptions): string[] {
  const secrets = new Set<string>();
  for (const cloud of options.clouds) {
    for (const auth of [
      cloud.auth,
      cloud.identity?.auth,
      ...cloud.projects.map(p => p.auth),
    ]) {
      const secret = auth?.type === 'password' ? auth.password : auth?.secret;
      if (secret) secrets.add(secret);
    }
  }
  return [...secrets];
}
