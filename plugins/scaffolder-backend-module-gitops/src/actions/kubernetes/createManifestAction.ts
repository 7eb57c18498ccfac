import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import type { z } from 'zod/v3';
import {
  createRenderAction,
  renderYaml,
} from '@canopy-idp/plugin-scaffolder-node';

/** A render action for Kubernetes documents, written as YAML files. */
export function createManifestAction<
  S extends z.ZodType<unknown, z.ZodTypeDef, unknown>,
>(options: {
  id: string;
  description: string;
  schema: S;
  /** Folder in the workspace and file name -> documents. */
  render: (input: z.output<S>) => {
    folder: string;
    files: Record<string, object[]>;
  };
  examples: TemplateExample[];
}) {
  return createRenderAction({
    ...options,
    resource: zod =>
      zod.object({
        apiVersion: zod.string(),
        kind: zod.string(),
        name: zod.string(),
      }),
    render: input => {
      const { folder, files } = options.render(input);
      const rendered: Record<string, string> = {};
      const resources: Array<{
        apiVersion: string;
        kind: string;
        name: string;
      }> = [];
      for (const [name, docs] of Object.entries(files)) {
        rendered[name] = renderYaml(docs);
        for (const d of docs as Array<{
          apiVersion: string;
          kind: string;
          metadata: { name: string };
        }>) {
          resources.push({
            apiVersion: d.apiVersion,
            kind: d.kind,
            name: d.metadata.name,
          });
        }
      }
      return { folder, files: rendered, resources };
    },
  });
}

/**
 * The `render` of an action that writes one document: `<name>.yaml`, in the
 * input's `targetPath` or else in `folder` (given the input).
 */
export function oneDocument<I extends { name: string; targetPath?: string }>(
  folder: (input: Omit<I, 'targetPath'>) => string,
  document: (input: Omit<I, 'targetPath'>) => object,
) {
  return ({ targetPath, ...input }: I) => ({
    folder: targetPath ?? folder(input),
    files: { [`${input.name}.yaml`]: [document(input)] },
  });
}
