import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/**
 * An action's documented examples (`examples` of `createTemplateAction`), each
 * a template with one step that runs the action with the example's input.
 *
 * @param step - the step's `id`, `action` and `name` (an example may give
 *   its own `id` and `name`)
 * @param examples - each example's description and the step's `input`
 * @public
 */
export function actionExamples(
  step: { id: string; action: string; name: string },
  examples: Array<{
    description: string;
    id?: string;
    name?: string;
    input: Record<string, unknown>;
  }>,
): TemplateExample[] {
  return examples.map(({ description, input, ...own }) => {
    const { id, action, name } = { ...step, ...own };
    return {
      description,
      example: yaml.stringify({ steps: [{ id, action, name, input }] }),
    };
  });
}
