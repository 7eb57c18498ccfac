import { createTerraformVolumeAction } from './createTerraformVolumeAction';
import { examples } from './createTerraformVolumeAction.examples';
import { runExample } from '../../__testUtils__/examples';

describe('createTerraformVolumeAction examples', () => {
  const action = createTerraformVolumeAction();

  it.each(examples.map(e => [e.description, e]))('%s', async (_d, example) => {
    const { outputs, report } = await runExample(action, example);
    expect(report.findings.filter(f => f.level !== 'info')).toEqual([]);
    expect(outputs.files).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/main\.tf$/),
        expect.stringMatching(/versions\.tf$/),
      ]),
    );
    expect((outputs.resources as unknown[]).length).toBeGreaterThan(0);
  });
});
