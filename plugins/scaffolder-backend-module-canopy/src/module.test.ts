import { testRegisteredActions } from '@canopy-idp/plugin-scaffolder-node-test-utils';
import { scaffolderModuleCanopy } from './module';

describe('scaffolderModuleCanopy', () => {
  testRegisteredActions(scaffolderModuleCanopy, [
    'canopy:publish:pull-request',
  ]);
});
