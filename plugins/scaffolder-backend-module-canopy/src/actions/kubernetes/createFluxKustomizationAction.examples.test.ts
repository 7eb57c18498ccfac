import { checkExample, exampleCases } from '../../__testUtils__/examples';
import { createFluxKustomizationAction } from './createFluxKustomizationAction';
import { examples } from './createFluxKustomizationAction.examples';

describe('createFluxKustomizationAction', () => {
  // No Flux CRD is available offline here: its documents are reported as
  // unchecked (an error that canopy:validate surfaces), never passed silently.
  it.each(exampleCases(examples))(
    'example: %s',
    checkExample(createFluxKustomizationAction(), {
      unchecked: 'kustomize.toolkit.fluxcd.io/v1 Kustomization',
    }),
    30_000,
  );
});
