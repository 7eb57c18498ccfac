import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createTerraformPipelineAction } from './actions';

/**
 * Adds `canopy:pipeline:terraform` to the scaffolder: a repository's
 * Terraform apply pipeline.
 *
 * @public
 */
export const scaffolderModuleCanopyPipeline = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'canopy-pipeline',
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
          createTerraformPipelineAction({ integrations, discovery, auth }),
        );
      },
    });
  },
});
