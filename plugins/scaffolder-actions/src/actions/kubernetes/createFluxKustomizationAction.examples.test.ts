import { runExample } from '../../__testUtils__/examples';
import { createFluxKustomizationAction } from './createFluxKustomizationAction';
import { examples } from './createFluxKustomizationAction.examples';

describe('createFluxKustomizationAction examples', () => {
  const action = createFluxKustomizationAction();

  it.each(examples.map(e => [e.description, e]))(
    '%s validates',
    async (_d, example) => {
      const { outputs, report } = await runExample(action, example);
      expect((outputs.files as string[]).length).toBeGreaterThan(0);
      // No Flux CRD is available offline here: its documents are reported as
      // unchecked (an error the validate action surfaces), never passed silently.
      const unchecked = report.findings.filter(
        f => f.rule === 'schema-missing',
      );
      expect(unchecked.map(f => f.message)).toEqual([
        expect.stringContaining(
          'no schema for kustomize.toolkit.fluxcd.io/v1 Kustomization',
        ),
      ]);
      expect(
        report.findings.filter(
          f => f.rule !== 'schema-missing' && f.level !== 'info',
        ),
      ).toEqual([]);
    },
  );
});
