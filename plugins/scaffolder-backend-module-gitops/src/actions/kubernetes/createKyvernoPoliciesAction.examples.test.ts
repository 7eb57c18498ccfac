import {
  checkExample,
  exampleCases,
} from '@canopy-idp/plugin-scaffolder-node/testUtils';
import { createKyvernoPoliciesAction } from './createKyvernoPoliciesAction';
import { examples } from './createKyvernoPoliciesAction.examples';

describe('createKyvernoPoliciesAction', () => {
  it.each(exampleCases(examples))(
    'example: %s',
    checkExample(createKyvernoPoliciesAction()),
    180_000,
  );
});
