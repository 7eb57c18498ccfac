export { createTerraformPipelineAction } from './pipeline/createTerraformPipelineAction';
