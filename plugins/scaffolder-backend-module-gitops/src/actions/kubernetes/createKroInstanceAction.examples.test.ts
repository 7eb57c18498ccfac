import {
  checkExample,
  exampleCases,
} from '@canopy-idp/plugin-scaffolder-node/testUtils';
import { definitionsInput, renderDefinitions } from '../../lib/kubernetes/kro';
import { createKroInstanceAction } from './createKroInstanceAction';
import { examples } from './createKroInstanceAction.examples';

describe('createKroInstanceAction', () => {
  // Instances validate against the schemas their ResourceGraphDefinitions define.
  it.each(exampleCases(examples))(
    'example: %s',
    checkExample(createKroInstanceAction(), {
      extraDocs: Object.values(renderDefinitions(definitionsInput.parse({}))),
    }),
    180_000,
  );
});
