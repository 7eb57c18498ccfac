import { CANOPY_ACTION_IDS } from '@canopy-idp/plugin-scaffolder-node';
import { registeredActionIds } from '@canopy-idp/plugin-scaffolder-node-test-utils';
import { scaffolderModuleCanopyPipeline } from './module';

describe('scaffolderModuleCanopyPipeline', () => {
  it('adds its actions to the scaffolder, each one of CANOPY_ACTION_IDS', async () => {
    const ids = await registeredActionIds(scaffolderModuleCanopyPipeline);
    expect(ids).toEqual(['canopy:pipeline:terraform']);
    // CANOPY_ACTION_IDS is what permission policies allow by id.
    expect(CANOPY_ACTION_IDS).toEqual(expect.arrayContaining(ids));
  });
});
