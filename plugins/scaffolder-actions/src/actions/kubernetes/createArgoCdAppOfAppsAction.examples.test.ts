import { runExample } from '../../__testUtils__/examples';
import { createArgoCdAppOfAppsAction } from './createArgoCdAppOfAppsAction';
import { examples } from './createArgoCdAppOfAppsAction.examples';

describe('createArgoCdAppOfAppsAction examples', () => {
  const action = createArgoCdAppOfAppsAction();

  it.each(examples.map(e => [e.description, e]))(
    '%s validates',
    async (_d, example) => {
      const { outputs, report } = await runExample(action, example);
      expect((outputs.files as string[]).length).toBeGreaterThan(0);
      expect(report.findings.filter(f => f.level !== 'info')).toEqual([]);
    },
  );
});
