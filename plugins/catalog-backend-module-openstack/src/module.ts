import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  OpenStackInventory,
  openstackServiceRef,
} from '@canopy-idp/plugin-openstack-node';
import { readProviderConfig } from './config';
import { OpenStackEntityProvider } from './provider/OpenStackEntityProvider';
import { ProviderStore } from './provider/ProviderStore';
import { CatalogTagClaims } from './provider/TagClaims';
import { createProjectOwnerRule } from './permissions/projectOwnerRule';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';

/**
 * The catalog's OpenStack entity provider: one per cloud of `openstack.clouds`,
 * each run by the scheduler on its cadence, on one replica at a time. Also
 * registers the `IS_OPENSTACK_PROJECT_OWNER` permission rule, so permission
 * policies can allow catalog-entity permissions (such as
 * `openstack.resources.read`) to the owners of the entity's OpenStack project.
 *
 * @public
 */
export const catalogModuleOpenStackEntityProvider = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'openstack-entity-provider',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        database: coreServices.database,
        openstack: openstackServiceRef,
        catalogApi: catalogServiceRef,
        auth: coreServices.auth,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        catalog,
        config,
        logger,
        scheduler,
        database,
        openstack,
        catalogApi,
        auth,
        permissionsRegistry,
      }) {
        permissionsRegistry.addPermissionRules([
          createProjectOwnerRule(openstack.projects),
        ]);
        const inventory = OpenStackInventory.fromService(openstack);
        const settings = readProviderConfig(
          config,
          inventory.clouds().map(c => c.name),
        ).filter(s => s.enabled);
        if (!settings.length) return;
        const store = await ProviderStore.create(await database.getClient());
        for (const s of settings) {
          catalog.addEntityProvider(
            new OpenStackEntityProvider({
              cloud: s.cloud,
              inventory,
              store,
              logger: logger.child({
                provider: `openstack-provider:${s.cloud}`,
              }),
              taskRunner: scheduler.createScheduledTaskRunner(s.schedule),
              defaultOwner: s.defaultOwner,
              concurrency: s.concurrency,
              mutation: s.mutation,
              claims: new CatalogTagClaims({ catalog: catalogApi, auth }),
            }),
          );
        }
      },
    });
  },
});
