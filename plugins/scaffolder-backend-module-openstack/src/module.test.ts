import { testRegisteredActions } from '@canopy-idp/plugin-scaffolder-node-test-utils';
import { scaffolderModuleCanopyOpenStack } from './module';

describe('scaffolderModuleCanopyOpenStack', () => {
  testRegisteredActions(scaffolderModuleCanopyOpenStack, [
    'canopy:openstack:quota-preflight',
    'canopy:terraform:instances',
    'canopy:terraform:kubernetes-cluster',
    'canopy:terraform:loadbalancer',
    'canopy:terraform:network',
    'canopy:terraform:volume',
  ]);
});
