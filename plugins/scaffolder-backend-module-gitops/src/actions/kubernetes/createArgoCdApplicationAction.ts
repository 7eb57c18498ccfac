import { application, applicationInput } from '../../lib/kubernetes/gitops';
import { createManifestAction, oneDocument } from './createManifestAction';
import { examples } from './createArgoCdApplicationAction.examples';

/**
 * `canopy:argocd:application`: one Argo CD Application with sync policy and project.
 *
 * @public
 */
export function createArgoCdApplicationAction() {
  return createManifestAction({
    id: 'canopy:argocd:application',
    description:
      'Renders an Argo CD Application with project, source, destination and sync policy.',
    schema: applicationInput,
    render: oneDocument(() => 'gitops/apps', application),
    examples,
  });
}
