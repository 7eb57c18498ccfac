import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  type ServiceFactory,
  type ServiceRef,
} from '@backstage/backend-plugin-api';
import { readPluginOptions } from '../config/readPluginOptions';
import type { OpenStackPluginOptions } from '../config/types';
import { InputError } from '@backstage/errors';
import { IdentityClient } from '../keystone/IdentityClient';
import { KeystoneOwners } from '../tenancy/KeystoneOwners';
import { ProjectMap } from '../tenancy/ProjectMap';
import {
  OpenStackConnections,
  type OpenStackConnectionHooks,
} from './OpenStackConnections';

/**
 * The `openstack` configuration of this backend process, read once and
 * shared by every Canopy plugin and module in it (the OpenStack plugin, its
 * catalog permission rule, the catalog's entity provider, delivery), so all
 * of them see the same projects and the same owners.
 *
 * @public
 */
export interface OpenStackProjectsService {
  /** The options; projects' owners taken from Keystone are kept current. */
  readonly options: OpenStackPluginOptions;
  /** The same clouds and projects, for look-ups. */
  readonly projects: ProjectMap;
  /** Reads owners from Keystone now (they are also read every `openstack.ownersRefreshSeconds`). */
  refreshOwners(): Promise<void>;
  /**
   * The identity API of a cloud, read with its identity reader
   * (`openstack.clouds[].identity`); an error naming the setting when the
   * cloud has none.
   */
  identity(cloud: string): IdentityClient;
  /**
   * The process's OpenStack connections (HTTP per cloud, Keystone sessions,
   * circuit breakers), shared by every plugin's `openstackServiceRef`.
   */
  readonly connections: OpenStackConnections;
}

/**
 * A root service: one per backend process. When a project takes its owners
 * from Keystone (`owners: { fromKeystone: { roles } }`), they are read at
 * startup and every `openstack.ownersRefreshSeconds` (default 300) with the
 * cloud's identity reader; nothing is read otherwise.
 *
 * @public
 */
export const openStackProjectsServiceRef: ServiceRef<
  OpenStackProjectsService,
  'root',
  'singleton'
> = createServiceRef<OpenStackProjectsService>({
  id: 'canopy.openstack.projects',
  scope: 'root',
  defaultFactory: async () => openStackProjectsServiceFactory(),
});

/**
 * The factory of `openStackProjectsServiceRef`; with hooks, e.g. the fake
 * OpenStack of `@canopy-idp/plugin-openstack-node/testUtils` in place of the
 * real HTTP (`openStackProjectsServiceFactory({ httpFor: fake.httpFor })`),
 * every plugin of the test backend reads the fake.
 *
 * @public
 */
export function openStackProjectsServiceFactory(
  hooks: OpenStackConnectionHooks = {},
): ServiceFactory<OpenStackProjectsService, 'root', 'singleton'> {
  return createServiceFactory({
    service: openStackProjectsServiceRef,
    deps: {
      config: coreServices.rootConfig,
      logger: coreServices.rootLogger,
      lifecycle: coreServices.rootLifecycle,
    },
    async factory({ config, logger, lifecycle }) {
      const options = readPluginOptions(config);
      const connections = new OpenStackConnections(options, hooks);
      const projects = new ProjectMap(options.clouds);
      const identities = new Map<string, IdentityClient>();
      const identity = (name: string) => {
        const cloud = projects.cloud(name);
        if (!cloud.identity) {
          throw new InputError(
            `openstack.clouds[${name}].identity is not set: give the cloud an identity reader (a password credential with the reader role on a domain or the system)`,
          );
        }
        let client = identities.get(name);
        if (!client) {
          client = new IdentityClient(
            cloud,
            cloud.identity,
            connections.httpFor(cloud),
          );
          identities.set(name, client);
        }
        return client;
      };
      const owners = new KeystoneOwners(options.clouds, {
        identity,
        logger: logger.child({ component: 'openstack-keystone-owners' }),
      });
      if (owners.needed) {
        void owners.refresh();
        const timer = setInterval(
          () => void owners.refresh(),
          options.ownersRefreshMs,
        );
        timer.unref();
        lifecycle.addShutdownHook(() => clearInterval(timer));
      }
      return {
        options,
        projects,
        refreshOwners: () => owners.refresh(),
        identity,
        connections,
      };
    },
  });
}
