import { z } from 'zod/v3';
import { entityRef, targetPath } from '@canopy-idp/plugin-scaffolder-node';
import { instanceInput, renderInstance } from '../../lib/kubernetes/kro';
import { createManifestAction } from './createManifestAction';
import { examples } from './createKroInstanceAction.examples';

const schema = z.object({
  instance: instanceInput,
  entityRef: entityRef()
    .optional()
    .describe('Catalog entity, recorded as an annotation'),
  targetPath: targetPath()
    .optional()
    .describe('Folder; default user-space/<namespace or name>'),
});

/**
 * `canopy:kro:instance`: an instance of a Canopy abstraction (Workspace,
 * WebApplication, Infrastructure, Topic).
 *
 * @public
 */
export function createKroInstanceAction() {
  return createManifestAction({
    id: 'canopy:kro:instance',
    description:
      'Renders an instance of a KRO abstraction: Workspace, WebApplication, Infrastructure or Topic.',
    schema,
    render: input => {
      const folder =
        input.targetPath ??
        `user-space/${
          'namespace' in input.instance
            ? input.instance.namespace
            : input.instance.name
        }`;
      return {
        folder,
        files: {
          [`${input.instance.kind.toLowerCase()}-${input.instance.name}.yaml`]:
            [renderInstance({ ...input.instance, entityRef: input.entityRef })],
        },
      };
    },
    examples,
  });
}
