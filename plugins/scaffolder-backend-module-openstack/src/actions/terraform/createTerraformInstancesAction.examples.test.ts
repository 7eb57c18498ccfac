import {
  checkExample,
  exampleCases,
} from '@canopy-idp/plugin-scaffolder-node/testUtils';
import { createTerraformInstancesAction } from './createTerraformInstancesAction';
import { examples } from './createTerraformInstancesAction.examples';

describe('createTerraformInstancesAction', () => {
  it.each(exampleCases(examples))(
    'example: %s',
    checkExample(createTerraformInstancesAction(), {
      files: [/\/main\.tf$/, /\/versions\.tf$/],
    }),
    180_000,
  );
});
