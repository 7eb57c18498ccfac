import { InputError } from '@backstage/errors';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listFiles } from '@canopy-idp/plugin-scaffolder-node';

/**
 * Runs an action once in a new workspace; returns the files it wrote
 * (workspace-relative path to text) and the error it failed with, if any.
 *
 * @public
 */
export async function runAction(
  action: TemplateAction<any, any, any>,
  input: Record<string, unknown>,
): Promise<{ files: Record<string, string>; error?: Error }> {
  const workspacePath = mkdtempSync(path.join(tmpdir(), 'canopy-action-'));
  const ctx = createMockActionContext({ input: input as any, workspacePath });
  let error: Error | undefined;
  await action.handler(ctx as any).catch((e: Error) => {
    error = e;
  });
  const files: Record<string, string> = {};
  for (const name of await listFiles(workspacePath)) {
    files[name] = readFileSync(path.join(workspacePath, name), 'utf8');
  }
  return { files, error };
}

/**
 * The message of the `InputError` an action refuses an input with, having
 * written nothing (fails the test otherwise).
 *
 * @public
 */
export async function actionInputError(
  action: TemplateAction<any, any, any>,
  input: Record<string, unknown>,
): Promise<string> {
  const { files, error } = await runAction(action, input);
  expect(files).toEqual({});
  expect(error).toBeInstanceOf(InputError);
  expect(error?.name).toBe('InputError');
  return error!.message;
}
