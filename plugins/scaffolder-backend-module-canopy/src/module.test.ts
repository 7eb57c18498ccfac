import { CANOPY_ACTION_IDS } from '@canopy-idp/plugin-scaffolder-node';
import { registeredActionIds } from '@canopy-idp/plugin-scaffolder-node-test-utils';
import { scaffolderModuleCanopy } from './module';

describe('scaffolderModuleCanopy', () => {
  it('adds its actions to the scaffolder, each one of CANOPY_ACTION_IDS', async () => {
    const ids = await registeredActionIds(scaffolderModuleCanopy);
    expect(ids).toEqual(['canopy:publish:pull-request']);
    // CANOPY_ACTION_IDS is what permission policies allow by id.
    expect(CANOPY_ACTION_IDS).toEqual(expect.arrayContaining(ids));
  });
});
