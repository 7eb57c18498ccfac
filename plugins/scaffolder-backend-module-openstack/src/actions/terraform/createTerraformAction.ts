import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import type { z } from 'zod/v3';
import type { CommonInput } from '../../lib/terraform/common';
import { targetPathOf } from '../../lib/terraform/common';
import type { TerraformModule } from '../../lib/terraform/module';
import { createRenderAction } from '@canopy-idp/plugin-scaffolder-node';

/** A render action for one Terraform module, written to `targetPath` (default terraform/<name>). */
export function createTerraformAction<
  S extends z.ZodType<CommonInput, z.ZodTypeDef, unknown>,
>(options: {
  id: string;
  description: string;
  schema: S;
  render: (input: z.output<S>) => TerraformModule;
  examples: TemplateExample[];
}) {
  return createRenderAction({
    ...options,
    resource: zod =>
      zod.object({
        type: zod.string(),
        name: zod.string(),
        count: zod.string().optional(),
      }),
    render: input => {
      const module = options.render(input);
      return {
        folder: targetPathOf(input),
        files: module.files,
        resources: module.resources,
      };
    },
  });
}
