/**
 * One OpenStack stack per backend: the OpenStack plugin, delivery and the
 * catalog's OpenStack entity provider read through `openstackServiceRef`, whose
 * instances share the process's one `OpenStackConnections` (one Keystone
 * session pool, one set of circuit breakers per credential).
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogOpenStackEntityProvider from '@canopy-idp/plugin-catalog-backend-module-openstack';
import deliveryBackend from '@canopy-idp/plugin-delivery-backend';
import openstackBackend from '@canopy-idp/plugin-openstack-backend';
import {
  openStackProjectsServiceFactory,
  openStackProjectsServiceRef,
  openstackServiceRef,
  type OpenStackService,
} from '@canopy-idp/plugin-openstack-node';
import { FakeOpenStack } from '@canopy-idp/plugin-openstack-node/testUtils';

/** A module of `pluginId` that hands over the plugin's OpenStack service. */
function probe(pluginId: string, seen: Map<string, OpenStackService>) {
  return createBackendModule({
    pluginId,
    moduleId: 'openstack-probe',
    register(env) {
      env.registerInit({
        deps: { openstack: openstackServiceRef },
        async init({ openstack }) {
          seen.set(pluginId, openstack);
        },
      });
    },
  });
}

describe('the OpenStack service of a backend', () => {
  it('is one set of connections for the OpenStack plugin, delivery and the catalog', async () => {
    const seen = new Map<string, OpenStackService>();
    let root: unknown;
    let rootProjects: unknown;
    const fake = new FakeOpenStack();
    const backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            openstack: {
              clouds: [
                {
                  name: 'lab',
                  authUrl: 'http://keystone.test/v3',
                  regions: ['RegionOne'],
                  projects: [
                    {
                      name: 'demo',
                      owners: ['group:default/team-a'],
                      password: {
                        username: 'demo',
                        password: 'secret',
                        projectName: 'demo',
                      },
                    },
                  ],
                },
              ],
            },
          },
        }),
        openStackProjectsServiceFactory({ httpFor: () => fake }),
        openstackBackend,
        deliveryBackend,
        catalogBackend,
        catalogOpenStackEntityProvider,
        probe('openstack', seen),
        probe('delivery', seen),
        probe('catalog', seen),
        createBackendModule({
          pluginId: 'catalog',
          moduleId: 'openstack-root-probe',
          register(env) {
            env.registerInit({
              deps: {
                projects: openStackProjectsServiceRef,
                logger: coreServices.logger,
              },
              async init({ projects }) {
                root = projects.connections;
                rootProjects = projects.projects;
              },
            });
          },
        }),
      ],
    });
    try {
      expect([...seen.keys()].sort()).toEqual([
        'catalog',
        'delivery',
        'openstack',
      ]);
      const services = [...seen.values()];
      // Each plugin has its own service (its own cache)...
      expect(new Set(services).size).toBe(3);
      // ... and all read through the process's one set of connections,
      // over its one project map.
      for (const service of services) {
        expect(service.connections).toBe(root);
        expect(service.projects).toBe(rootProjects);
      }
    } finally {
      await backend.stop();
    }
  });
});
