import {
  appOfAppsInput,
  renderAppOfApps,
} from '../../lib/kubernetes/appOfApps';
import { createManifestAction } from './createManifestAction';
import { examples } from './createArgoCdAppOfAppsAction.examples';

/**
 * `canopy:argocd:app-of-apps`: a root Application and one Application per
 * environment (dev/test/acc by default), or one ApplicationSet.
 *
 * @public
 */
export function createArgoCdAppOfAppsAction() {
  return createManifestAction({
    id: 'canopy:argocd:app-of-apps',
    description:
      'Renders an Argo CD app-of-apps: a root Application and an Application per environment (or an ApplicationSet), each deploying environments/<env>.',
    schema: appOfAppsInput,
    render: input => ({
      folder: input.gitopsPath,
      files: renderAppOfApps(input),
    }),
    examples,
  });
}
