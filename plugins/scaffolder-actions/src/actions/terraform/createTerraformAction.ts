import {
  createTemplateAction,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import type { z } from 'zod/v3';
import type { CommonInput } from '../../lib/terraform/common';
import { targetPathOf } from '../../lib/terraform/common';
import type { TerraformModule } from '../../lib/terraform/module';
import { parseInput, writeFiles } from '../shared';

/**
 * Shared shape of Canopy's Terraform actions: check the input, render the
 * module, write it into the workspace (also in dry-run: it is local), and
 * report the files and resources.
 */
export function createTerraformAction<
  S extends z.ZodType<CommonInput, z.ZodTypeDef, unknown>,
>(options: {
  id: string;
  description: string;
  schema: S;
  render: (input: z.output<S>) => TerraformModule;
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
        path: z => z.string().describe('Folder of the module in the workspace'),
        files: z =>
          z
            .array(z.string())
            .describe('Files written, relative to the workspace'),
        resources: z =>
          z
            .array(
              z.object({
                type: z.string(),
                name: z.string(),
                count: z.string().optional(),
              }),
            )
            .describe('Terraform resources in the module'),
      },
    },
    async handler(ctx) {
      const input = parseInput(options.schema, ctx.input);
      const module = options.render(input);
      const target = targetPathOf(input);
      const files = await writeFiles(ctx.workspacePath, target, module.files);
      ctx.logger.info(
        `Rendered ${module.resources.length} resources into ${target}`,
      );
      ctx.output('path', target);
      ctx.output('files', files);
      ctx.output('resources', module.resources);
    },
  });
}
