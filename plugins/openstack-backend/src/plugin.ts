import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { openstackPermissions } from '@canopy-idp/plugin-openstack-common';
import { registerListEntityResourcesAction } from './actions/listEntityResourcesAction';
import { readPluginOptions } from './config/readPluginOptions';
import { createRouter } from './router/createRouter';
import { OpenStackService } from './service/OpenStackService';

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
        cache: coreServices.cache,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const options = readPluginOptions(deps.config);
        deps.logger.info(
          `OpenStack plugin configured with ${options.clouds.length} cloud(s)${
            options.clouds.length
              ? `: ${options.clouds.map(c => c.name).join(', ')}`
              : ''
          }`,
        );
        const service = new OpenStackService(options, {
          cache: deps.cache,
          logger: deps.logger,
        });
        deps.permissionsRegistry.addPermissions(openstackPermissions);
        registerListEntityResourcesAction({ ...deps, service });
        deps.httpRouter.use(
          await createRouter({
            service,
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
