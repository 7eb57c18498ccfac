import { judgeKroInstance } from './KroObserver';

describe('judgeKroInstance', () => {
  it('is ready when its Ready condition is True, listing the conditions', () => {
    expect(
      judgeKroInstance('WebApplication dev/blog', {
        status: {
          state: 'ACTIVE',
          conditions: [
            { type: 'InstanceSynced', status: 'True' },
            { type: 'Ready', status: 'True', reason: 'AllResourcesReady' },
          ],
        },
      }),
    ).toEqual({
      state: 'succeeded',
      text: 'WebApplication dev/blog: state ACTIVE; InstanceSynced=True, Ready=True (AllResourcesReady)',
    });
  });

  it('is still running while it reconciles, and without status', () => {
    expect(
      judgeKroInstance('Workspace dev/dev', {
        status: {
          state: 'IN_PROGRESS',
          conditions: [
            { type: 'Ready', status: 'False', reason: 'Reconciling' },
          ],
        },
      }).state,
    ).toBe('running');
    expect(judgeKroInstance('Workspace dev/dev', {})).toEqual({
      state: 'running',
      text: 'Workspace dev/dev: no status yet',
    });
  });

  it('fails when KRO says so, with the condition’s message', () => {
    expect(
      judgeKroInstance('Infrastructure dev/blog-data', {
        status: {
          state: 'FAILED',
          conditions: [
            {
              type: 'Ready',
              status: 'False',
              reason: 'ReconcileFailed',
              message: 'quota exceeded',
            },
          ],
        },
      }),
    ).toEqual({
      state: 'failed',
      text: 'Infrastructure dev/blog-data: state FAILED; Ready=False (ReconcileFailed: quota exceeded)',
    });
  });
});
