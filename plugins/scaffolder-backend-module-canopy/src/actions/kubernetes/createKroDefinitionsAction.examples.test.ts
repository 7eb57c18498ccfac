import { checkExample, exampleCases } from '../../__testUtils__/examples';
import { createKroDefinitionsAction } from './createKroDefinitionsAction';
import { examples } from './createKroDefinitionsAction.examples';

describe('createKroDefinitionsAction', () => {
  it.each(exampleCases(examples))(
    'example: %s',
    checkExample(createKroDefinitionsAction()),
    180_000,
  );
});
