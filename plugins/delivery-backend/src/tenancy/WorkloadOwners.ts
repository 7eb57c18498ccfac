import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  ownsProject,
  readOwnerRefs,
  type ProjectMap,
} from '@canopy-idp/plugin-openstack-node';

/** Denied, with the rule named: a KRO instance in a namespace the requester's teams do not own. */
export const NAMESPACE_RULE =
  "rule: KRO instances are read only in a namespace that the requester, or one of the requester's groups now (or a group above it), owns: delivery.tenancy.namespaces, or the OpenStack project of the same name (one Keystone project = one namespace)";

/** Denied, with the rule named: an Argo CD application in an AppProject the requester's teams do not own. */
export const APP_PROJECT_RULE =
  "rule: Argo CD applications are read only when their AppProject is one that the requester, or one of the requester's groups now (or a group above it), owns: delivery.tenancy.argoCdProjects";

interface Entry {
  /** A whole name, or a prefix when `prefix` is set. */
  name: string;
  prefix: boolean;
  /** Cluster or Argo CD instance; every one when absent. */
  scope?: string;
  owners: string[];
  open: boolean;
}

function readEntries(
  config: Config | undefined,
  key: 'namespaces' | 'argoCdProjects',
  nameKey: 'namespace' | 'project',
  scopeKey: 'cluster' | 'instance',
): Entry[] {
  const seen = new Set<string>();
  return (config?.getOptionalConfigArray(key) ?? []).map((c, i) => {
    const where = `delivery.tenancy.${key}[${i}]`;
    const raw = c.getString(nameKey);
    const prefix = raw.endsWith('*');
    const name = prefix ? raw.slice(0, -1) : raw;
    const valid = prefix
      ? /^[a-z0-9][-a-z0-9]*$/
      : /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
    if (!valid.test(name) || name.length > 63) {
      throw new InputError(
        `${where}.${nameKey}: '${raw}' is not a Kubernetes name, or a name's beginning followed by one '*' (e.g. team-a or team-a-*)`,
      );
    }
    const scope = c.getOptionalString(scopeKey);
    const id = `${scope ?? ''}/${raw}`;
    if (seen.has(id)) {
      throw new InputError(
        `${where}: '${raw}'${
          scope ? ` in ${scopeKey} '${scope}'` : ''
        } is listed twice`,
      );
    }
    seen.add(id);
    const owners = c.getStringArray('owners');
    if (!owners.length) {
      throw new InputError(
        `${where}.owners: list the catalog groups or users that own it (e.g. [group:default/team-a]), or ['*'] for everyone`,
      );
    }
    return { name, prefix, scope, ...readOwnerRefs(owners, `${where}.owners`) };
  });
}

/**
 * The entry that decides for a name: a whole name before a prefix, a longer
 * prefix before a shorter one, one for this cluster (or instance) before one
 * for every cluster.
 */
function decisive(
  entries: Entry[],
  scope: string | undefined,
  name: string,
): Entry | undefined {
  const rank = (e: Entry) =>
    (e.prefix ? e.name.length : 1_000) * 2 + (e.scope ? 1 : 0);
  return entries
    .filter(e => !e.scope || e.scope === scope)
    .filter(e => (e.prefix ? name.startsWith(e.name) : name === e.name))
    .sort((a, b) => rank(b) - rank(a))[0];
}

const owns = (entry: Entry, mine: Set<string>) =>
  entry.open || entry.owners.some(o => mine.has(o));

/**
 * Who owns the Kubernetes namespaces and Argo CD AppProjects the delivery
 * stages read with the portal's credentials (`delivery.tenancy`). Deny by
 * default: a name no entry maps is nobody's. A namespace no entry maps is
 * owned by the owners of the mapped OpenStack projects of the same name
 * (seed 000: one Keystone project = one namespace), unless
 * `namespacesFromOpenStackProjects` is false; when several clouds map a
 * project of that name, the requester must own every one.
 */
export class WorkloadOwners {
  static fromConfig(root: Config, projects: ProjectMap): WorkloadOwners {
    const config = root.getOptionalConfig('delivery.tenancy');
    return new WorkloadOwners(
      readEntries(config, 'namespaces', 'namespace', 'cluster'),
      readEntries(config, 'argoCdProjects', 'project', 'instance'),
      config?.getOptionalBoolean('namespacesFromOpenStackProjects') === false
        ? undefined
        : projects,
    );
  }

  constructor(
    private readonly namespaces: Entry[],
    private readonly appProjects: Entry[],
    private readonly projects?: ProjectMap,
  ) {}

  /** Whether someone with these ownership refs (lower-cased) owns the namespace in this cluster. */
  ownsNamespace(
    cluster: string | undefined,
    namespace: string,
    mine: Set<string>,
  ): boolean {
    const entry = decisive(this.namespaces, cluster, namespace);
    if (entry) return owns(entry, mine);
    const same = (this.projects?.all() ?? []).flatMap(cloud =>
      cloud.projects.filter(p => p.name === namespace),
    );
    return same.length > 0 && same.every(p => ownsProject(p, mine));
  }

  /** Whether someone with these ownership refs (lower-cased) owns the AppProject of this Argo CD instance. */
  ownsAppProject(
    instance: string | undefined,
    project: string,
    mine: Set<string>,
  ): boolean {
    const entry = decisive(this.appProjects, instance, project);
    return !!entry && owns(entry, mine);
  }
}
