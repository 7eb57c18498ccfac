/**
 * GitHub's own workflow parser, `@actions/workflow-parser` (the parser of
 * GitHub's Actions language service), for tests: the errors GitHub would
 * report for a workflow file, from parsing against GitHub's workflow schema
 * and converting it (expressions, contexts, matrix, needs, ...).
 *
 * The package is ESM-only and exports only an `import` condition, which
 * Jest's CommonJS resolver does not follow; its files are required by path
 * instead (Jest's SWC transform turns them into CommonJS), and the three
 * `@actions/expressions` specifiers it imports are mapped the same way.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type * as WorkflowParser from '@actions/workflow-parser';

/** The folder of an installed package, found the way Node looks for node_modules. */
function packageDir(name: string): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${name} is not installed`);
  }
}

for (const entry of ['index', 'ast', 'features']) {
  const specifier =
    entry === 'index'
      ? '@actions/expressions'
      : `@actions/expressions/${entry}`;
  jest.doMock(
    specifier,
    () =>
      jest.requireActual(
        path.join(packageDir('@actions/expressions'), 'dist', `${entry}.js`),
      ),
    { virtual: true },
  );
}

const parser: typeof WorkflowParser = jest.requireActual(
  path.join(packageDir('@actions/workflow-parser'), 'dist', 'index.js'),
);

/**
 * Parses and converts a workflow as GitHub does; returns every error message
 * (empty: GitHub accepts it) and the converted workflow.
 */
export async function parseGithubWorkflow(name: string, content: string) {
  const result = parser.parseWorkflow(
    { name, content },
    new parser.NoOperationTraceWriter(),
  );
  const template = result.value
    ? await parser.convertWorkflowTemplate(result.context, result.value)
    : undefined;
  const errors = result.context.errors.getErrors().map(e => e.message);
  return { errors, template };
}
