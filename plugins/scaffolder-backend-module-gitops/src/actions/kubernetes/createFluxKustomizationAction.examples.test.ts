import {
  checkExample,
  exampleCases,
} from '@canopy-idp/plugin-scaffolder-node/testUtils';
import { createFluxKustomizationAction } from './createFluxKustomizationAction';
import { examples } from './createFluxKustomizationAction.examples';

describe('createFluxKustomizationAction', () => {
  it.each(exampleCases(examples))(
    'example: %s',
    checkExample(createFluxKustomizationAction()),
    120_000,
  );
});
