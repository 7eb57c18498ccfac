import { checkAddedStage, checkAddedStages, stagesFor } from './plan';

const now = '2026-12-07T10:00:00.000Z';
const names = (...args: Parameters<typeof stagesFor>) =>
  stagesFor(...args).map(s => s.name);

describe('stagesFor', () => {
  it('plans the built-in stages the expectations name, pull request first', () => {
    expect(
      names(
        {
          pipeline: true,
          kroInstances: [
            {
              apiVersion: 'kro.run/v1alpha1',
              kind: 'WebApp',
              namespace: 'web',
              name: 'web',
            },
          ],
        },
        now,
      ),
    ).toEqual(['pull-request', 'pipeline', 'kro']);
  });

  it('puts added stages after the built-in stage they follow, in the order they were added, else last', () => {
    const added = [
      { stage: 'flux', after: 'pipeline' as const },
      { stage: 'jenkins', after: 'pipeline' as const },
      { stage: 'smoke' },
      { stage: 'unused', after: 'pull-request' as const },
    ];
    const stages = { flux: {}, jenkins: {}, smoke: {} };
    expect(
      names({ pipeline: true, openstack: undefined, stages }, now, added),
    ).toEqual(['pull-request', 'pipeline', 'flux', 'jenkins', 'smoke']);
    // Its anchor missing from the request: last.
    expect(names({ stages: { flux: {} } }, now, added)).toEqual([
      'pull-request',
      'flux',
    ]);
  });
});

describe('checkAddedStages', () => {
  const added = [{ stage: 'flux' }];
  it('takes stages an installed observer follows', () => {
    expect(() =>
      checkAddedStages({ stages: { flux: {} } }, added),
    ).not.toThrow();
  });
  it('refuses a stage no observer follows, and a built-in one, naming the field', () => {
    expect(() => checkAddedStages({ stages: { jenkins: {} } }, added)).toThrow(
      /^expected\.stages\.jenkins: no installed delivery observer/,
    );
    expect(() => checkAddedStages({ stages: { argocd: {} } }, added)).toThrow(
      /^expected\.stages\.argocd: argocd is a built-in stage/,
    );
  });
});

describe('checkAddedStage', () => {
  it('refuses a name the contract does not allow, a taken one, and an anchor that is not built in', () => {
    expect(() => checkAddedStage({ stage: 'Flux CD' }, [])).toThrow(
      /must match/,
    );
    expect(() => checkAddedStage({ stage: 'argocd' }, ['argocd'])).toThrow(
      /already installed/,
    );
    expect(() =>
      checkAddedStage({ stage: 'flux', after: 'jenkins' as never }, []),
    ).toThrow(/'after' must be a built-in stage/);
  });
});
