import {
  knativeServiceInput,
  renderKnativeService,
} from '../../lib/kubernetes/knative';
import { createManifestAction, oneDocument } from './createManifestAction';
import { examples } from './createKnativeServiceAction.examples';

/**
 * `canopy:knative:service`: a serverless function as a Knative Service that
 * scales to zero.
 *
 * @public
 */
export function createKnativeServiceAction() {
  return createManifestAction({
    id: 'canopy:knative:service',
    description:
      'Renders a Knative Service (serving.knative.dev/v1) for a serverless function: image, port, environment, scale bounds, concurrency and resources.',
    schema: knativeServiceInput,
    render: oneDocument(
      input => `functions/${input.namespace}`,
      renderKnativeService,
    ),
    examples,
  });
}
