import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { OpenStackService } from './OpenStackService';
import { openStackProjectsServiceRef } from './projectsService';

/**
 * Canopy's OpenStack reads for one plugin: the clouds and projects of
 * `openStackProjectsServiceRef`, read through the process's one set of
 * connections (Keystone session pool, circuit breakers per credential) with
 * the plugin's own cache. The OpenStack plugin, delivery and the catalog's
 * OpenStack module each depend on it; to read a fake in tests, give the
 * backend `openStackProjectsServiceFactory({ httpFor })`.
 *
 * @public
 */
export const openstackServiceRef = createServiceRef<OpenStackService>({
  id: 'canopy.openstack.service',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        projects: openStackProjectsServiceRef,
        cache: coreServices.cache,
        logger: coreServices.logger,
      },
      factory: ({ projects, cache, logger }) =>
        new OpenStackService(projects.options, {
          cache,
          logger,
          connections: projects.connections,
          projects: projects.projects,
        }),
    }),
});
