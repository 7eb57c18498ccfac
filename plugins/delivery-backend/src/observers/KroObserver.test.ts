import { aRequest } from '../__testUtils__/requests';
import { labTenancy } from '../__testUtils__/testbeds';
import { DeliveryObservationError } from '@canopy-idp/plugin-delivery-node';
import { kroStatus } from '../testUtils/kroStatus';
import { judgeKroInstance, KroObserver } from './KroObserver';

describe('judgeKroInstance', () => {
  it('is ready when its Ready condition is True, listing the conditions', () => {
    expect(
      judgeKroInstance('WebApplication dev/blog', {
        status: kroStatus.ready,
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
        status: kroStatus.failed('quota exceeded'),
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
  // A kubernetes backend nothing answers on: a read would throw.
  const kubernetes = {
    defaultCluster: async () => 'lab',
    get: async () => {
      throw new DeliveryObservationError(
        'The kubernetes backend did not answer: connect ECONNREFUSED',
      );
    },
  };

  it('reads nothing once the requester is no longer in the owning team', async () => {
    let teams = ['group:default/team-a'];
    const observer = new KroObserver(kubernetes, {
      owners: labTenancy(),
      ownership: { ofUserRef: async user => new Set([user, ...teams]) },
    });
    await expect(observer.observe(request)).rejects.toThrow(
      'The kubernetes backend did not answer',
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

describe('KroObserver, reads through the kubernetes backend', () => {
  const instance = {
    apiVersion: 'kro.run/v1alpha1',
    kind: 'WebApplication',
    namespace: 'team-a-dev',
    name: 'blog',
  };
  const tenancy = {
    owners: labTenancy(),
    ownership: {
      ofUserRef: async (user: string) =>
        new Set([user, 'group:default/team-a']),
    },
  };
  const json = (status: number, body: object) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });

  it('reads the instance in the first cluster the kubernetes backend lists, pending while the API says NotFound', async () => {
    const reads: Array<[string, string]> = [];
    const observer = new KroObserver(
      {
        defaultCluster: async () => 'lab',
        get: async (cluster, path) => {
          reads.push([cluster, path]);
          return json(404, { kind: 'Status', reason: 'NotFound' });
        },
      },
      tenancy,
    );
    expect(
      await observer.observe(aRequest({ kroInstances: [instance] })),
    ).toEqual({
      state: 'pending',
      message: 'WebApplication team-a-dev/blog: not created yet',
    });
    expect(reads).toEqual([
      [
        'lab',
        '/apis/kro.run/v1alpha1/namespaces/team-a-dev/webapplications/blog',
      ],
    ]);
  });

  it('says when the kubernetes backend itself refuses (an unknown cluster), not that the instance is missing', async () => {
    const observer = new KroObserver(
      {
        defaultCluster: async () => 'lab',
        get: async () =>
          json(404, {
            error: { name: 'NotFoundError', message: 'Cluster lab not found' },
          }),
      },
      tenancy,
    );
    await expect(
      observer.observe(aRequest({ kroInstances: [instance] })),
    ).rejects.toThrow(
      'The kubernetes backend, for cluster lab, answered HTTP 404 for WebApplication team-a-dev/blog: Cluster lab not found',
    );
  });
});
