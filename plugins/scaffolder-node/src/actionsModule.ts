import {
  coreServices,
  createBackendModule,
  type AuthService,
  type DiscoveryService,
  type RootConfigService,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import {
  scaffolderActionsExtensionPoint,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';

/**
 * What a Canopy action may be built with: the root config, the SCM
 * integrations read from it, and the services to call another plugin on
 * behalf of the task's user.
 *
 * @public
 */
export interface CanopyActionServices {
  config: RootConfigService;
  integrations: ScmIntegrations;
  discovery: DiscoveryService;
  auth: AuthService;
}

/**
 * A scaffolder backend module (plugin `scaffolder`) that adds the actions
 * `actions` builds, as each of Canopy's scaffolder modules does.
 *
 * @public
 */
export function createCanopyActionsModule(options: {
  moduleId: string;
  actions(services: CanopyActionServices): TemplateAction<any, any, any>[];
}) {
  return createBackendModule({
    pluginId: 'scaffolder',
    moduleId: options.moduleId,
    register(env) {
      env.registerInit({
        deps: {
          scaffolder: scaffolderActionsExtensionPoint,
          config: coreServices.rootConfig,
          discovery: coreServices.discovery,
          auth: coreServices.auth,
        },
        async init({ scaffolder, config, discovery, auth }) {
          const integrations = ScmIntegrations.fromConfig(config);
          scaffolder.addActions(
            ...options.actions({ config, integrations, discovery, auth }),
          );
        },
      });
    },
  });
}
