/** Test helpers: run an action's documented examples in a temporary workspace. */
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type {
  TemplateAction,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import {
  addCrds,
  bundledCrds,
  validateWorkspace,
} from '@canopy-idp/plugin-scaffolder-node';

/**
 * The outputs an action set on a mock context.
 *
 * @public
 */
export function collectOutputs(ctx: { output: unknown }): Record<string, any> {
  const calls = (ctx.output as jest.Mock).mock.calls as Array<
    [string, unknown]
  >;
  return Object.fromEntries(calls);
}

/**
 * Runs the example's steps in a new workspace and validates the result
 * against the package's bundled upstream CRDs (plus `extraDocs`, e.g. KRO
 * definitions that define the instances' kinds).
 *
 * @public
 */
export async function runExample(
  action: TemplateAction<any, any, any>,
  example: TemplateExample,
  extraDocs: object[] = [],
) {
  const doc = yaml.parse(example.example);
  const workspacePath = mkdtempSync(path.join(tmpdir(), 'canopy-example-'));
  const outputs: Record<string, unknown> = {};
  for (const step of doc.steps) {
    expect(step.action).toBe(action.id);
    const ctx = createMockActionContext({ input: step.input, workspacePath });
    await action.handler(ctx as any);
    Object.assign(outputs, collectOutputs(ctx));
  }
  const crds = addCrds(
    new Map(await bundledCrds()),
    extraDocs,
    'definitions given to the test',
  );
  const report = await validateWorkspace(workspacePath, crds);
  return { workspacePath, outputs, report };
}

/**
 * `[description, example]` rows for `it.each`.
 *
 * @public
 */
export const exampleCases = (examples: TemplateExample[]) =>
  examples.map(e => [e.description, e] as const);

/**
 * The body of a test for one documented example: it runs, writes files
 * (matching `files` when given) and the workspace validates with no
 * configuration: every document was checked against a schema (no
 * `schema-missing`), and nothing but information was reported.
 *
 * @public
 */
export function checkExample(
  action: TemplateAction<any, any, any>,
  options: { files?: RegExp[]; extraDocs?: object[] } = {},
) {
  return async (_description: string, example: TemplateExample) => {
    const { outputs, report } = await runExample(
      action,
      example,
      options.extraDocs,
    );
    const files = outputs.files as string[];
    expect(files.length).toBeGreaterThan(0);
    for (const pattern of options.files ?? []) {
      expect(files.some(f => pattern.test(f))).toBe(true);
    }
    expect(report.findings.filter(f => f.level !== 'info')).toEqual([]);
    expect(report.schemas.length).toBeGreaterThan(0);
  };
}
