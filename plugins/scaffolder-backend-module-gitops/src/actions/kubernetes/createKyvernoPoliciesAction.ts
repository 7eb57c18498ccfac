import {
  kyvernoInput,
  renderKyvernoPolicies,
} from '../../lib/kubernetes/kyverno';
import { createManifestAction } from './createManifestAction';
import { examples } from './createKyvernoPoliciesAction.examples';

/**
 * `canopy:kyverno:policies`: guardrails for naming, requests/limits, probes,
 * image tags, registries and PodSecurity.
 *
 * @public
 */
export function createKyvernoPoliciesAction() {
  return createManifestAction({
    id: 'canopy:kyverno:policies',
    description:
      'Renders Kyverno ClusterPolicies: required labels, requests/limits, probes, no latest tag, allowed registries and a PodSecurity level.',
    schema: kyvernoInput,
    render: input => ({
      folder: input.targetPath,
      files: Object.fromEntries(
        Object.entries(renderKyvernoPolicies(input)).map(([f, d]) => [f, [d]]),
      ),
    }),
    examples,
  });
}
