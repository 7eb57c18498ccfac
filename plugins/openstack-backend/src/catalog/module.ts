import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { openStackProjectsServiceRef } from '@canopy-idp/plugin-openstack-node';
import { createProjectOwnerRule } from './projectOwnerRule';

/**
 * A catalog module that registers the `IS_OPENSTACK_PROJECT_OWNER` permission
 * rule, so permission policies can allow catalog-entity permissions (such as
 * `openstack.resources.read`) to the owners of the entity's OpenStack
 * project. Reads the same `openstack` configuration as the plugin.
 *
 * @public
 */
export const catalogModuleOpenStackPermissions = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'openstack-permissions',
  register(env) {
    env.registerInit({
      deps: {
        openstackProjects: openStackProjectsServiceRef,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({ openstackProjects, permissionsRegistry }) {
        permissionsRegistry.addPermissionRules([
          createProjectOwnerRule(openstackProjects.projects),
        ]);
      },
    });
  },
});
