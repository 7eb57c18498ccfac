import { aRequest } from '../__testUtils__/requests';
import { labTenancy } from '../__testUtils__/testbeds';
import { judgeKroInstance, KroObserver } from './KroObserver';

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

describe('KroObserver, tenancy at each look', () => {
  const request = aRequest({
    kroInstances: [
      {
        apiVersion: 'kro.run/v1alpha1',
        kind: 'WebApplication',
        namespace: 'team-a-dev',
        name: 'blog',
      },
    ],
  });
  // A cluster nothing answers on: a read would throw.
  const clusters = [{ name: 'lab', url: 'http://127.0.0.1:9' }];

  it('reads nothing once the requester is no longer in the owning team', async () => {
    let teams = ['group:default/team-a'];
    const observer = new KroObserver(clusters, {
      owners: labTenancy(),
      ownership: { ofUserRef: async user => new Set([user, ...teams]) },
    });
    await expect(observer.observe(request)).rejects.toThrow(
      'Kubernetes cluster lab did not answer',
    );
    teams = ['group:default/team-b'];
    expect(await observer.observe(request)).toEqual({
      state: 'failed',
      message: expect.stringMatching(
        /^Denied: user:default\/guest does not own namespace team-a-dev \(rule: KRO instances are read only in a namespace/,
      ),
    });
  });
});
