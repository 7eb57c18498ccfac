import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import {
  createTemplateAction,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import { InputError } from '@backstage/errors';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod/v3';

/** "field.path: rule" for every issue, so the author knows what to fix. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map(
      issue =>
        `${issue.path.length ? issue.path.join('.') : 'input'}: ${
          issue.message
        }`,
    )
    .join('; ');
}

/**
 * Parses action input with the action's own rules; bad input is an InputError naming each field.
 *
 * @public
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new InputError(`Invalid input: ${describeIssues(result.error)}`);
  }
  return result.data;
}

/**
 * Writes files below `target` inside the workspace; returns their workspace-relative paths, sorted.
 *
 * @public
 */
export async function writeFiles(
  workspacePath: string,
  target: string,
  files: Record<string, string>,
): Promise<string[]> {
  const written: string[] = [];
  for (const [name, content] of Object.entries(files).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const relative = path.posix.join(target, name);
    const absolute = resolveSafeChildPath(workspacePath, relative);
    await mkdir(path.dirname(absolute), { recursive: true });
    await writeFile(absolute, content, 'utf8');
    written.push(relative);
  }
  return written;
}

/**
 * Runs a renderer. Renderers check derived values (a node name made from
 * `name`, say) with the same rules as inputs; should one fail, it is still
 * the input's fault, so it is reported as an InputError, never as a crash.
 */
function renderChecked<I, O>(render: (input: I) => O, input: I): O {
  try {
    return render(input);
  } catch (error) {
    if (error instanceof z.ZodError) {
      throw new InputError(
        `Invalid input: a value derived from the input breaks a rule: ${describeIssues(
          error,
        )}`,
      );
    }
    throw error;
  }
}

/**
 * The shape of every Canopy render action: check the input with the action's
 * own rules, render, write the files into the workspace (also in dry-run: it
 * is local), and report the folder, the files and what they describe.
 *
 * @public
 */
export function createRenderAction<
  S extends z.ZodType<unknown, z.ZodTypeDef, unknown>,
  R extends Record<string, string | undefined>,
>(options: {
  id: string;
  description: string;
  schema: S;
  examples: TemplateExample[];
  /** Output schema of one entry of `resources`. */
  resource: (zod: typeof z) => z.ZodType<R>;
  render: (input: z.output<S>) => {
    folder: string;
    files: Record<string, string>;
    resources: R[];
  };
}) {
  return createTemplateAction({
    id: options.id,
    description: options.description,
    examples: options.examples,
    supportsDryRun: true,
    schema: {
      input: () => options.schema,
      output: {
        path: zod =>
          zod.string().describe('Folder written, relative to the workspace'),
        files: zod =>
          zod
            .array(zod.string())
            .describe('Files written, relative to the workspace'),
        resources: zod =>
          zod.array(options.resource(zod)).describe('What the files describe'),
      },
    },
    async handler(ctx) {
      const input = parseInput(options.schema, ctx.input);
      const { folder, files, resources } = renderChecked(options.render, input);
      const written = await writeFiles(ctx.workspacePath, folder, files);
      ctx.logger.info(
        `Rendered ${resources.length} resource(s) into ${folder}`,
      );
      ctx.output('path', folder);
      ctx.output('files', written);
      ctx.output('resources', resources);
    },
  });
}
