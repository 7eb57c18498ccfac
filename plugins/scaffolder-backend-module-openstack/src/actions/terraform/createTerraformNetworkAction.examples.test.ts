import {
  checkExample,
  exampleCases,
} from '@canopy-idp/plugin-scaffolder-node/testUtils';
import { createTerraformNetworkAction } from './createTerraformNetworkAction';
import { examples } from './createTerraformNetworkAction.examples';

describe('createTerraformNetworkAction', () => {
  it.each(exampleCases(examples))(
    'example: %s',
    checkExample(createTerraformNetworkAction(), {
      files: [/\/main\.tf$/, /\/versions\.tf$/],
    }),
    180_000,
  );
});
