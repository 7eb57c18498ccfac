import { runExample } from '../../__testUtils__/examples';
import { definitionsInput, renderDefinitions } from '../../lib/kubernetes/kro';
import { createKroInstanceAction } from './createKroInstanceAction';
import { examples } from './createKroInstanceAction.examples';

describe('createKroInstanceAction examples', () => {
  const action = createKroInstanceAction();

  it.each(examples.map(e => [e.description, e]))(
    '%s validates',
    async (_d, example) => {
      const definitions = Object.values(
        renderDefinitions(definitionsInput.parse({})),
      );
      const { outputs, report } = await runExample(
        action,
        example,
        definitions,
      );
      expect((outputs.files as string[]).length).toBeGreaterThan(0);
      expect(report.findings.filter(f => f.level !== 'info')).toEqual([]);
    },
  );
});
