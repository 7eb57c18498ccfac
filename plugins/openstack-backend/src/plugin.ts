import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createRouter } from './router';
import { readCloudNames } from './service/config';

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
      },
      async init({ config, logger, httpRouter }) {
        const clouds = readCloudNames(config);
        logger.info(
          `OpenStack plugin configured with ${clouds.length} cloud(s)${
            clouds.length ? `: ${clouds.join(', ')}` : ''
          }`,
        );
        httpRouter.use(await createRouter({ clouds }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
