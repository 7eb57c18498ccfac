import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { openstackPermissions } from '@canopy-idp/plugin-openstack-common';
import { registerListEntityResourcesAction } from './actions/listEntityResourcesAction';
import {
  openStackProjectsServiceRef,
  openstackServiceRef,
  OwnershipResolver,
  projectLabel,
} from '@canopy-idp/plugin-openstack-node';
import { createRouter } from './router/createRouter';
import { TenancyGuard } from './tenancy/TenancyGuard';

/**
 * Canopy's OpenStack backend plugin, mounted at `/api/openstack`.
 *
 * @public
 */
export const openstackPlugin = createBackendPlugin({
  pluginId: 'openstack',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        openstackProjects: openStackProjectsServiceRef,
        service: openstackServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const options = deps.openstackProjects.options;
        deps.logger.info(
          `OpenStack plugin configured with ${options.clouds.length} cloud(s)${
            options.clouds.length
              ? `: ${options.clouds
                  .map(c => `${c.name} (${c.projects.length} project(s))`)
                  .join(', ')}`
              : ''
          }`,
        );
        for (const cloud of options.clouds) {
          for (const project of cloud.projects.filter(p => p.open)) {
            deps.logger.warn(
              `OpenStack project '${projectLabel(project)}' of cloud '${
                cloud.name
              }' is open to everyone (owners: ['*']): every signed-in user and every entity may use it. Use this single-tenant form for small installs only.`,
            );
          }
        }
        const service = deps.service;
        const guard = new TenancyGuard(
          service.projects,
          new OwnershipResolver({
            catalog: deps.catalog,
            auth: deps.auth,
            userInfo: deps.userInfo,
          }),
        );
        deps.permissionsRegistry.addPermissions(openstackPermissions);
        registerListEntityResourcesAction({ ...deps, service, guard });
        deps.httpRouter.use(
          await createRouter({
            service,
            guard,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            catalog: deps.catalog,
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
