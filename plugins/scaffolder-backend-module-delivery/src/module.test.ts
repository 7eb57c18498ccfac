import { testRegisteredActions } from '@canopy-idp/plugin-scaffolder-node-test-utils';
import { scaffolderModuleCanopyDelivery } from './module';

describe('scaffolderModuleCanopyDelivery', () => {
  testRegisteredActions(scaffolderModuleCanopyDelivery, [
    'canopy:delivery:track',
  ]);
});
