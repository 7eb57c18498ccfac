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

/** Denied, with the rule named: a pull request in a repository the requester's teams do not own. */
export const REPOSITORY_RULE =
  "rule: pull requests, their checks and pipelines are read only in a repository that the requester, or one of the requester's groups now (or a group above it), owns: delivery.tenancy.repositories";

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

const KUBERNETES_NAME = {
  whole: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
  beginning: /^[a-z0-9][-a-z0-9]*$/,
  example:
    "a Kubernetes name, or a name's beginning followed by one '*' (e.g. team-a or team-a-*)",
};
/** A path segment of a repository: no `.` or `..`, nothing encoded. */
const SEGMENT = '(?!\\.\\.?(/|$))[a-z0-9._-]+';
/** host/owner/repo (GitLab: host/group/subgroup/repo), lower-cased. */
const REPOSITORY = {
  whole: new RegExp(`^[a-z0-9.-]+(:[0-9]+)?(/${SEGMENT}){2,}$`),
  // At least host/owner/: a beginning never reaches into another owner.
  beginning: new RegExp(`^[a-z0-9.-]+(:[0-9]+)?(/${SEGMENT})+/[a-z0-9._-]*$`),
  example:
    "a repository host/owner/name, or host/owner/ and a name's beginning followed by one '*' (e.g. github.com/team-a/infra, github.com/team-a/* or github.com/acme/team-a-*)",
};

function readEntries(
  config: Config | undefined,
  key: 'namespaces' | 'argoCdProjects' | 'repositories',
  nameKey: 'namespace' | 'project' | 'repository',
  scopeKey?: 'cluster' | 'instance',
  rules = KUBERNETES_NAME,
): Entry[] {
  const seen = new Set<string>();
  return (config?.getOptionalConfigArray(key) ?? []).map((c, i) => {
    const where = `delivery.tenancy.${key}[${i}]`;
    const raw = c.getString(nameKey);
    const prefix = raw.endsWith('*');
    const cut = prefix ? raw.slice(0, -1) : raw;
    // Repositories are compared without case, as GitHub and GitLab do.
    const name = rules === REPOSITORY ? cut.toLocaleLowerCase('en-US') : cut;
    const valid = prefix ? rules.beginning : rules.whole;
    const long = rules === KUBERNETES_NAME && name.length > 63;
    if (!valid.test(name) || long) {
      throw new InputError(
        `${where}.${nameKey}: '${raw}' is not ${rules.example}`,
      );
    }
    const scope = scopeKey ? c.getOptionalString(scopeKey) : undefined;
    const id = `${scope ?? ''}/${name}${prefix ? '*' : ''}`;
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
 * Who owns the repositories, Kubernetes namespaces and Argo CD AppProjects
 * the delivery stages read with the portal's credentials
 * (`delivery.tenancy`). Deny by
 * default: a name no entry maps is nobody's. A namespace no entry maps is
 * owned by the owners of the mapped OpenStack projects of the same name
 * (seed 000: one Keystone project = one namespace), unless
 * `namespacesFromOpenStackProjects` is false; when several clouds map a
 * project of that name, the requester must own every one.
 */
export class TenancyMap {
  static fromConfig(root: Config, projects: ProjectMap): TenancyMap {
    const config = root.getOptionalConfig('delivery.tenancy');
    return new TenancyMap(
      readEntries(config, 'namespaces', 'namespace', 'cluster'),
      readEntries(config, 'argoCdProjects', 'project', 'instance'),
      readEntries(config, 'repositories', 'repository', undefined, REPOSITORY),
      config?.getOptionalBoolean('namespacesFromOpenStackProjects') === false
        ? undefined
        : projects,
    );
  }

  constructor(
    private readonly namespaces: Entry[],
    private readonly appProjects: Entry[],
    private readonly repositories: Entry[],
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

  /**
   * Whether someone with these ownership refs (lower-cased) owns the
   * repository `host/path` (GitHub: owner/name; GitLab: group/.../name),
   * compared without case as GitHub and GitLab do.
   */
  ownsRepository(host: string, path: string, mine: Set<string>): boolean {
    const name = `${host}/${path}`.toLocaleLowerCase('en-US');
    // Deny what names no single repository: `.`, `..`, empty or encoded parts.
    if (!REPOSITORY.whole.test(name)) return false;
    const entry = decisive(this.repositories, undefined, name);
    return !!entry && owns(entry, mine);
  }
}
