import {
  checkExample,
  exampleCases,
} from '@canopy-idp/plugin-scaffolder-node/testUtils';
import { createArgoCdApplicationAction } from './createArgoCdApplicationAction';
import { examples } from './createArgoCdApplicationAction.examples';

describe('createArgoCdApplicationAction', () => {
  it.each(exampleCases(examples))(
    'example: %s',
    checkExample(createArgoCdApplicationAction()),
    180_000,
  );
});
