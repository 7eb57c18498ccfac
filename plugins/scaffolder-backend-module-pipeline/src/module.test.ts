import { testRegisteredActions } from '@canopy-idp/plugin-scaffolder-node-test-utils';
import { scaffolderModuleCanopyPipeline } from './module';

describe('scaffolderModuleCanopyPipeline', () => {
  testRegisteredActions(scaffolderModuleCanopyPipeline, [
    'canopy:pipeline:terraform',
  ]);
});
