import {
  fluxKustomizationInput,
  renderFluxKustomization,
} from '../../lib/kubernetes/gitops';
import { createManifestAction, oneDocument } from './createManifestAction';
import { examples } from './createFluxKustomizationAction.examples';

/**
 * `canopy:flux:kustomization`: a Flux Kustomization, for platforms on Flux (seed 001).
 *
 * @public
 */
export function createFluxKustomizationAction() {
  return createManifestAction({
    id: 'canopy:flux:kustomization',
    description:
      'Renders a Flux Kustomization reconciling a path of a GitRepository.',
    schema: fluxKustomizationInput,
    render: oneDocument(() => 'clusters/flux', renderFluxKustomization),
    examples,
  });
}
