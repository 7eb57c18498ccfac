import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod/v3';

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

/** Parses action input with the action's own rules; bad input is an InputError naming each field. */
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

/** Writes files below `target` inside the workspace; returns their workspace-relative paths, sorted. */
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
