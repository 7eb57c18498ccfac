// testExamples declares tests for the file that calls it: that is what it is for.
/* eslint-disable jest/no-export */
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { checkExample, exampleCases } from './examples';

/**
 * One test per documented example of each action (`action.examples`), as
 * {@link checkExample} checks it; `files` and `extraDocs` as there.
 *
 * @public
 */
export function testExamples(
  cases: Array<{
    action: TemplateAction<any, any, any>;
    files?: RegExp[];
    extraDocs?: object[];
  }>,
) {
  for (const { action, ...options } of cases) {
    describe(`${action.id}`, () => {
      it.each(exampleCases(action.examples ?? []))(
        'example: %s',
        checkExample(action, options),
        180_000,
      );
    });
  }
}
