import {
  checkExample,
  exampleCases,
} from '@canopy-idp/plugin-scaffolder-node/testUtils';
import { createTerraformVolumeAction } from './createTerraformVolumeAction';
import { examples } from './createTerraformVolumeAction.examples';

describe('createTerraformVolumeAction', () => {
  it.each(exampleCases(examples))(
    'example: %s',
    checkExample(createTerraformVolumeAction(), {
      files: [/\/main\.tf$/, /\/versions\.tf$/],
    }),
    180_000,
  );
});
