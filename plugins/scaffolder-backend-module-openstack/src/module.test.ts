import { CANOPY_ACTION_IDS } from '@canopy-idp/plugin-scaffolder-node';
import { registeredActionIds } from '@canopy-idp/plugin-scaffolder-node-test-utils';
import { scaffolderModuleCanopyOpenStack } from './module';

describe('scaffolderModuleCanopyOpenStack', () => {
  it('adds its actions to the scaffolder, each one of CANOPY_ACTION_IDS', async () => {
    const ids = await registeredActionIds(scaffolderModuleCanopyOpenStack);
    expect(ids).toEqual([
      'canopy:openstack:quota-preflight',
      'canopy:terraform:instances',
      'canopy:terraform:kubernetes-cluster',
      'canopy:terraform:loadbalancer',
      'canopy:terraform:network',
      'canopy:terraform:volume',
    ]);
    // CANOPY_ACTION_IDS is what permission policies allow by id.
    expect(CANOPY_ACTION_IDS).toEqual(expect.arrayContaining(ids));
  });
});
