import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readOwnerRefs } from './ownerRefs';
import { readCredential } from './readCredential';
import type { CloudAuth, MappedProject } from './types';

const EXAMPLE =
  "projects: [{ name: demo, owners: ['group:default/team-a'], applicationCredential: { id: ..., secret: ... } }]";

/** `owners: { fromKeystone: { roles: [member] } }`, or undefined for a list. */
function readOwnersFrom(
  p: Config,
  label: string,
): { roles: string[] } | undefined {
  const value = p.getOptional('owners');
  if (value === undefined || Array.isArray(value)) return undefined;
  const from = p.getConfig('owners');
  const unknown = from.keys().filter(k => k !== 'fromKeystone');
  if (unknown.length) {
    throw new InputError(
      `${label}.owners: give a list of owners or { fromKeystone: { roles: [...] } }; '${unknown[0]}' is not known`,
    );
  }
  const roles = (from.getOptionalStringArray('fromKeystone.roles') ?? []).map(
    r => r.trim(),
  );
  if (!roles.length || roles.some(r => !r)) {
    throw new InputError(
      `${label}.owners.fromKeystone.roles: list the Keystone roles whose holders own the project, e.g. [member]`,
    );
  }
  return { roles };
}

function readProject(
  p: Config,
  where: string,
  cloud: string,
  cloudAuth: CloudAuth | undefined,
): MappedProject {
  const id = p.getOptionalString('id');
  const name = p.getOptionalString('name');
  if (!id && !name) {
    throw new InputError(`${where}: give the project's id or name`);
  }
  const label = `${where} (${name ?? id})`;
  const ownersFrom = readOwnersFrom(p, label);
  const owners = ownersFrom
    ? []
    : (p.getOptionalStringArray('owners') ?? []).map(o => o.trim());
  if (!owners.length && !ownersFrom) {
    throw new InputError(
      `${label} has no owners: list the catalog groups or users that own it (e.g. owners: ['group:default/team-a']), take them from Keystone role assignments (owners: { fromKeystone: { roles: [member] } }), or give owners: ['*'] to let every signed-in user and entity use it (single-tenant)`,
    );
  }
  const refs = readOwnerRefs(owners, `${label}.owners`);
  const auth = readCredential(p, label, { cloudsYaml: true }) ?? cloudAuth;
  if (!auth) {
    throw new InputError(
      `${label} has no credential: give it an applicationCredential scoped to the project (recommended), a password, or cloudsYaml, or give the cloud a password credential to scope to it`,
    );
  }
  const domainName = p.getOptionalString('domain');
  const domainId = p.getOptionalString('domainId');
  return {
    cloud,
    key: id
      ? `id:${id}`
      : `name:${domainId ?? (domainName ?? 'Default').toLowerCase()}/${name}`,
    id,
    name,
    domainName,
    domainId,
    owners: refs.owners,
    ...(ownersFrom ? { ownersFrom } : {}),
    open: refs.open,
    claimableTags: p.getOptionalStringArray('claimableTags') ?? [],
    ...readBudget(p, label),
    auth,
    where: label,
  };
}

function readBudget(p: Config, label: string) {
  const monthlyBudget = p.getOptionalNumber('monthlyBudget');
  if (monthlyBudget === undefined) return {};
  if (!(Number.isFinite(monthlyBudget) && monthlyBudget >= 0)) {
    throw new InputError(
      `${label}: monthlyBudget must be an amount of 0 or more in the cloud's pricing currency, got ${monthlyBudget}`,
    );
  }
  return { monthlyBudget };
}

/**
 * Reads a cloud's `projects`: each Keystone project Canopy may read, its
 * owners and its credential. A cloud must map at least one project, no
 * project twice, and every project needs owners: there is no open default.
 */
export function readProjects(
  c: Config,
  where: string,
  cloud: string,
  cloudAuth: CloudAuth | undefined,
): MappedProject[] {
  const entries = c.getOptionalConfigArray('projects') ?? [];
  if (!entries.length) {
    throw new InputError(
      `${where} maps no projects, so Canopy could read none of it: list each project Canopy may read with its owners, e.g. ${EXAMPLE}. A project not listed is unreachable; there is no open default.`,
    );
  }
  const projects = entries.map((p, i) =>
    readProject(p, `${where}.projects[${i}]`, cloud, cloudAuth),
  );
  const seen = new Map<string, MappedProject>();
  for (const project of projects) {
    const keys = [project.key];
    if (project.id && project.name) {
      keys.push(
        `name:${
          project.domainId ?? (project.domainName ?? 'Default').toLowerCase()
        }/${project.name}`,
      );
    }
    for (const key of keys) {
      const first = seen.get(key);
      if (first) {
        throw new InputError(
          `${project.where} is the same project as ${first.where}: map each project once`,
        );
      }
      seen.set(key, project);
    }
  }
  return projects;
}
