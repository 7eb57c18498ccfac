import { definitionsInput, renderDefinitions } from '../../lib/kubernetes/kro';
import { createManifestAction } from './createManifestAction';
import { examples } from './createKroDefinitionsAction.examples';

/**
 * `canopy:kro:definitions`: KRO ResourceGraphDefinitions for Workspace,
 * WebApplication, Infrastructure and Topic.
 *
 * @public
 */
export function createKroDefinitionsAction() {
  return createManifestAction({
    id: 'canopy:kro:definitions',
    description:
      'Renders the KRO ResourceGraphDefinitions of the Workspace, WebApplication, Infrastructure (PostgreSQL + Redis) and Topic (Kafka) abstractions.',
    schema: definitionsInput,
    render: input => ({
      folder: input.targetPath,
      files: Object.fromEntries(
        Object.entries(renderDefinitions(input)).map(([f, d]) => [f, [d]]),
      ),
    }),
    examples,
  });
}
