import { checkExample, exampleCases } from '../../__testUtils__/examples';
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
