import {
  checkExample,
  exampleCases,
} from '@canopy-idp/plugin-scaffolder-node/testUtils';
import { createTerraformLoadBalancerAction } from './createTerraformLoadBalancerAction';
import { examples } from './createTerraformLoadBalancerAction.examples';

describe('createTerraformLoadBalancerAction', () => {
  it.each(exampleCases(examples))(
    'example: %s',
    checkExample(createTerraformLoadBalancerAction(), {
      files: [/\/main\.tf$/, /\/versions\.tf$/],
    }),
    180_000,
  );
});
