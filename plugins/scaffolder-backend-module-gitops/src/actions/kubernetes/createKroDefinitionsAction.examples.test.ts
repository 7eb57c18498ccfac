import {
  checkExample,
  exampleCases,
} from '@canopy-idp/plugin-scaffolder-node/testUtils';
import { createKroDefinitionsAction } from './createKroDefinitionsAction';
import { examples } from './createKroDefinitionsAction.examples';

describe('createKroDefinitionsAction', () => {
  it.each(exampleCases(examples))(
    'example: %s',
    checkExample(createKroDefinitionsAction()),
    180_000,
  );
});
