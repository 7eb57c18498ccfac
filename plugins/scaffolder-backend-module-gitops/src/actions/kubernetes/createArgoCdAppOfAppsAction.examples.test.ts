import {
  checkExample,
  exampleCases,
} from '@canopy-idp/plugin-scaffolder-node/testUtils';
import { createArgoCdAppOfAppsAction } from './createArgoCdAppOfAppsAction';
import { examples } from './createArgoCdAppOfAppsAction.examples';

describe('createArgoCdAppOfAppsAction', () => {
  it.each(exampleCases(examples))(
    'example: %s',
    checkExample(createArgoCdAppOfAppsAction()),
    180_000,
  );
});
