import {
  checkExample,
  exampleCases,
} from '@canopy-idp/plugin-scaffolder-node/testUtils';
import { createTerraformKubernetesClusterAction } from './createTerraformKubernetesClusterAction';
import { examples } from './createTerraformKubernetesClusterAction.examples';

describe('createTerraformKubernetesClusterAction', () => {
  it.each(exampleCases(examples))(
    'example: %s',
    checkExample(createTerraformKubernetesClusterAction(), {
      files: [/\/main\.tf$/, /\/versions\.tf$/],
    }),
    180_000,
  );
});
