import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { openStackProjectsServiceRef } from '@canopy-idp/plugin-openstack-node';
import { readKeystoneOrgConfig } from './config';
import { KeystoneOrgEntityProvider } from './KeystoneOrgEntityProvider';

/**
 * The catalog's Keystone org provider: one per cloud listed under
 * `catalog.providers.keystoneOrg`, each run by the scheduler on its cadence,
 * on one replica at a time.
 *
 * @public
 */
export const catalogModuleKeystoneOrgEntityProvider = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'keystone-org-entity-provider',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        openstackProjects: openStackProjectsServiceRef,
      },
      async init({ catalog, config, logger, scheduler, openstackProjects }) {
        const clouds = openstackProjects.options.clouds.map(c => c.name);
        for (const s of readKeystoneOrgConfig(config, clouds)) {
          catalog.addEntityProvider(
            new KeystoneOrgEntityProvider({
              cloud: s.cloud,
              domains: s.domains,
              groupType: s.groupType,
              reader: openstackProjects.identity(s.cloud),
              taskRunner: scheduler.createScheduledTaskRunner(s.schedule),
              logger: logger.child({ provider: `keystone-org:${s.cloud}` }),
            }),
          );
        }
      },
    });
  },
});
