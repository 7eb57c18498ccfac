import { createCanopyActionsModule } from '@canopy-idp/plugin-scaffolder-node';
import { createTerraformPipelineAction } from './actions';

/**
 * Adds `canopy:pipeline:terraform` to the scaffolder: a repository's
 * Terraform apply pipeline.
 *
 * @public
 */
export const scaffolderModuleCanopyPipeline = createCanopyActionsModule({
  moduleId: 'canopy-pipeline',
  actions: ({ integrations, discovery, auth }) => [
    createTerraformPipelineAction({ integrations, discovery, auth }),
  ],
});
