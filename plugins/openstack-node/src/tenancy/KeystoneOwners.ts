import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CloudConfig, MappedProject } from '../config/types';
import { projectLabel } from '../config/types';
import type { IdentityClient } from '../keystone/IdentityClient';
import { keystoneEntityRef } from './keystoneNames';

/**
 * Keeps the owners of projects mapped with `owners: { fromKeystone: { roles } }`
 * current: the groups and users that hold one of the roles directly in the
 * project (Keystone's role assignments), as the catalog refs the Keystone org
 * provider gives them. A project's `owners` is replaced in place, so every
 * reader of the project map sees the new owners at once.
 *
 * Deny by default, safe on failure: until the first read succeeds the
 * project has no owners; when a later read fails its last owners stay and
 * the failure is logged. Implied roles are not followed: list every role
 * that should own (e.g. `[member, admin]`).
 */
export class KeystoneOwners {
  private readonly projectIds = new Map<MappedProject, string>();

  constructor(
    private readonly clouds: CloudConfig[],
    private readonly deps: {
      /** The cloud's identity API, read with its identity reader. */
      identity: (cloud: string) => IdentityClient;
      logger: LoggerService;
    },
  ) {}

  /** Whether any project takes its owners from Keystone. */
  get needed(): boolean {
    return this.clouds.some(c => c.projects.some(p => p.ownersFrom));
  }

  /** Reads every such project's owners once; a failure is logged, never thrown. */
  async refresh(): Promise<void> {
    await Promise.all(
      this.clouds.flatMap(cloud =>
        cloud.projects
          .filter(p => p.ownersFrom)
          .map(project => this.refreshProject(cloud, project)),
      ),
    );
  }

  private async refreshProject(cloud: CloudConfig, project: MappedProject) {
    const label = `project '${projectLabel(project)}' of cloud '${cloud.name}'`;
    try {
      const client = this.deps.identity(cloud.name);
      let id = project.id ?? this.projectIds.get(project);
      if (!id) {
        id = await client.projectId(project.name!, {
          id: project.domainId,
          name: project.domainName,
        });
        this.projectIds.set(project, id);
      }
      const roles = new Set(
        project.ownersFrom!.roles.map(r => r.toLocaleLowerCase('en-US')),
      );
      const refs = new Set<string>();
      for (const a of await client.projectRoleAssignments(id)) {
        if (!roles.has((a.role.name ?? '').toLocaleLowerCase('en-US'))) {
          continue;
        }
        const holder = a.group ?? a.user;
        const kind = a.group ? 'group' : 'user';
        const ref =
          holder?.name && holder.domain?.name
            ? keystoneEntityRef(kind, holder.name, holder.domain.name)
            : undefined;
        if (ref) refs.add(ref);
      }
      const owners = [...refs].sort();
      if (owners.join() !== project.owners.join()) {
        this.deps.logger.info(
          `Owners of ${label} from Keystone (roles ${[...roles].join(', ')}): ${
            owners.join(', ') || 'none'
          }`,
        );
        project.owners = owners;
      }
    } catch (error) {
      this.deps.logger.warn(
        `Could not read the owners of ${label} from Keystone; ${
          project.owners.length
            ? `keeping the last ones (${project.owners.join(', ')})`
            : 'it has no owners until a read succeeds'
        }: ${(error as Error).message}`,
      );
    }
  }
}
