import type {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { IdentityClient } from '@canopy-idp/plugin-openstack-node';
import { buildOrgEntities, type DomainRead } from './buildOrgEntities';

/**
 * What the provider asks of Keystone: a subset of IdentityClient.
 *
 * @public
 */
export type KeystoneOrgReader = Pick<
  IdentityClient,
  'domains' | 'groups' | 'users' | 'usersInGroup'
>;

/**
 * Options of {@link KeystoneOrgEntityProvider}.
 *
 * @public
 */
export interface KeystoneOrgEntityProviderOptions {
  /** The cloud's name in `openstack.clouds`. */
  cloud: string;
  /** Keystone domain names to read. */
  domains: string[];
  groupType: string;
  /** The cloud's identity API (its identity reader). */
  reader: KeystoneOrgReader;
  taskRunner: SchedulerServiceTaskRunner;
  logger: LoggerService;
  /** Group member lists read at once. Default 8. */
  concurrency?: number;
}

/**
 * An org provider for one cloud's Keystone: groups → Groups, users → Users
 * with `memberOf`, per domain. Each run reads everything and replaces what
 * the provider emitted before (a full mutation), so a user removed from a
 * group loses the membership at the next run. A run that fails anywhere
 * (Keystone down, a 403, a truncated list) changes nothing in the catalog.
 * Runs on one replica at a time (the scheduler's distributed lock).
 *
 * @public
 */
export class KeystoneOrgEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(private readonly options: KeystoneOrgEntityProviderOptions) {}

  getProviderName(): string {
    return `keystone-org:${this.options.cloud}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: this.getProviderName(),
      fn: async () => {
        try {
          await this.refresh();
        } catch (error) {
          this.options.logger.error(
            `Keystone org read of cloud '${
              this.options.cloud
            }' failed; the catalog keeps its Groups and Users as they were: ${
              (error as Error).message
            }`,
          );
          throw error;
        }
      },
    });
  }

  /** Reads Keystone and replaces the provider's entities; throws (changing nothing) on any failure. */
  async refresh(): Promise<{ groups: number; users: number }> {
    if (!this.connection) {
      throw new Error(`${this.getProviderName()} is not connected`);
    }
    const { reader, cloud } = this.options;
    const reads: DomainRead[] = [];
    for (const domain of await reader.domains(this.options.domains)) {
      const [groups, users] = await Promise.all([
        reader.groups(domain.id),
        reader.users(domain.id),
      ]);
      const members = new Map<string, string[]>();
      const queue = [...groups];
      const worker = async () => {
        for (let g = queue.shift(); g; g = queue.shift()) {
          members.set(
            g.id,
            (await reader.usersInGroup(g.id)).map(u => u.id),
          );
        }
      };
      await Promise.all(
        Array.from({ length: this.options.concurrency ?? 8 }, worker),
      );
      reads.push({ domain, groups, users, members });
    }
    const built = buildOrgEntities(cloud, reads, {
      groupType: this.options.groupType,
    });
    for (const reason of built.skipped) {
      this.options.logger.warn(
        `Keystone org of cloud '${cloud}': skipped ${reason}`,
      );
    }
    const locationKey = this.getProviderName();
    await this.connection.applyMutation({
      type: 'full',
      entities: [...built.groups, ...built.users].map(entity => ({
        entity,
        locationKey,
      })),
    });
    this.options.logger.info(
      `Keystone org of cloud '${cloud}': ${built.groups.length} group(s), ${built.users.length} user(s) from ${reads.length} domain(s)`,
    );
    return { groups: built.groups.length, users: built.users.length };
  }
}
