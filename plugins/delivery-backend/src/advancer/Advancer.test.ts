import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { aRequest } from '../__testUtils__/requests';
import { RequestNotifier } from '../notify/RequestNotifier';
import type { StageObserver } from '../stages/Observer';
import { RequestStore } from '../store/RequestStore';
import { Advancer } from './Advancer';

jest.setTimeout(60_000);

// Just after the fixtures' requests were recorded.
const now = () => new Date('2026-11-30T10:00:05.000Z');

describe('Advancer', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('writes and tells each change once when two replicas advance the same requests at once', async () => {
    const knex = await databases.init('SQLITE_3');
    const database = { getClient: async () => knex };
    const sent: string[] = [];
    const notifier = new RequestNotifier(
      { send: async n => void sent.push(n.payload.title) },
      mockServices.logger.mock(),
    );
    // Both replicas see the same systems: merged, and applied.
    const observers: StageObserver[] = [
      {
        stage: 'pull-request',
        observe: async () => ({
          state: 'succeeded',
          facts: { mergeCommitSha: 'abc' },
        }),
      },
      { stage: 'pipeline', observe: async () => ({ state: 'succeeded' }) },
    ];
    const replica = async () =>
      new Advancer({
        store: await RequestStore.create(database),
        observers,
        notifier,
        logger: mockServices.logger.mock(),
        backoff: { initialMs: 1000, maxMs: 2000 },
        now,
      });
    const [one, two] = [await replica(), await replica()];
    const store = await RequestStore.create(database);
    for (let i = 0; i < 5; i++) {
      await store.insert(
        aRequest(
          { pipeline: true },
          { id: `r-${i}`, taskId: `t-${i}`, title: `req ${i}` },
        ),
      );
    }

    const [a, b] = await Promise.all([one.advanceDue(), two.advanceDue()]);
    // Every request written by exactly one replica (a loser's update is refused).
    expect(a + b).toBe(5);
    for (let i = 0; i < 5; i++) {
      const r = (await store.get(`r-${i}`))!;
      expect(r.state).toBe('ready');
      expect(r.version).toBe(1);
      expect(sent.filter(t => t === `Merged: req ${i}`)).toHaveLength(1);
      expect(sent.filter(t => t === `Ready: req ${i}`)).toHaveLength(1);
    }
    // Nothing is due any more: ready requests are not looked at again.
    expect(await store.due('2026-12-01T00:00:00.000Z')).toEqual([]);
  });

  it('a notifications backend that fails does not fail the advance', async () => {
    const knex = await databases.init('SQLITE_3');
    const logger = mockServices.logger.mock();
    const store = await RequestStore.create({ getClient: async () => knex });
    await store.insert(aRequest({}, { id: 'x', taskId: 'tx' }));
    const advancer = new Advancer({
      store,
      observers: [
        {
          stage: 'pull-request',
          observe: async () => ({
            state: 'failed',
            message: 'Closed without merging',
          }),
        },
      ],
      notifier: new RequestNotifier(
        {
          send: async () => {
            throw new Error('notifications is down');
          },
        },
        logger,
      ),
      logger,
      backoff: { initialMs: 1000, maxMs: 2000 },
      now,
    });
    expect(await advancer.advanceDue()).toBe(1);
    expect((await store.get('x'))!.state).toBe('failed');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Could not notify user:default/guest of request x (Failed at pull request',
      ),
    );
  });
});
