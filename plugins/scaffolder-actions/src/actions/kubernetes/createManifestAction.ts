import {
  createTemplateAction,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import type { z } from 'zod/v3';
import { renderYaml } from '../../lib/kubernetes/yaml';
import { parseInput, writeFiles } from '../shared';

/**
 * Shared shape of Canopy's manifest actions: check the input, render the
 * documents, write them as YAML into the workspace (also in dry-run: it is
 * local) and report the files.
 */
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
  return createTemplateAction({
    id: options.id,
    description: options.description,
    examples: options.examples,
    supportsDryRun: true,
    schema: {
      input: () => options.schema,
      output: {
        path: z =>
          z.string().describe('Folder written, relative to the workspace'),
        files: z =>
          z
            .array(z.string())
            .describe('Files written, relative to the workspace'),
        resources: z =>
          z
            .array(
              z.object({
                apiVersion: z.string(),
                kind: z.string(),
                name: z.string(),
              }),
            )
            .describe('Documents written'),
      },
    },
    async handler(ctx) {
      const input = parseInput(options.schema, ctx.input);
      const { folder, files } = options.render(input);
      const rendered: Record<string, string> = {};
      const resources: Array<{
        apiVersion: string;
        kind: string;
        name: string;
      }> = [];
      for (const [name, docs] of Object.entries(files)) {
        rendered[name] = renderYaml(docs);
        for (const d of docs as any[])
          resources.push({
            apiVersion: d.apiVersion,
            kind: d.kind,
            name: d.metadata.name,
          });
      }
      const written = await writeFiles(ctx.workspacePath, folder, rendered);
      ctx.logger.info(
        `Rendered ${resources.length} document(s) into ${folder}`,
      );
      ctx.output('path', folder);
      ctx.output('files', written);
      ctx.output('resources', resources);
    },
  });
}
