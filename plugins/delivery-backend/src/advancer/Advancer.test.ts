import { mockServices } from '@backstage/backend-test-utils';
import { aRequest } from '../__testUtils__/requests';
import { storeDatabases } from '../__testUtils__/testbeds';
import { RequestNotifier } from '../notify/RequestNotifier';
import type { DeliveryStageObserver } from '@canopy-idp/plugin-delivery-node';
import { RequestStore } from '../store/RequestStore';
import { Advancer } from './Advancer';

// Just after the fixtures' requests were recorded.
const now = () => new Date('2026-11-30T10:00:05.000Z');

const databases = storeDatabases();

/** A time after every write in these tests. */
const LATER = '2100-01-01T00:00:00.000Z';

describe.each(databases.eachSupportedId())('Advancer on %s', id => {
  it('writes and tells each change once when two replicas advance the same requests at once', async () => {
    const knex = await databases.init(id);
    const database = { getClient: async () => knex };
    const sent: string[] = [];
    const notifier = new RequestNotifier(
      { send: async n => void sent.push(n.payload.title) },
      mockServices.logger.mock(),
    );
    // Both replicas see the same systems: merged, and applied.
    const observers: DeliveryStageObserver[] = [
      {
        stage: 'pull-request',
        system: 'The Git host',
        observe: async () => ({
          state: 'succeeded',
          facts: { mergeCommitSha: 'abc' },
        }),
      },
      {
        stage: 'pipeline',
        system: 'The CI system',
        observe: async () => ({ state: 'succeeded' }),
      },
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

  it('a notifications backend that fails does not fail the advance; what was not told is told on a later beat, once', async () => {
    const knex = await databases.init(id);
    const logger = mockServices.logger.mock();
    const store = await RequestStore.create({ getClient: async () => knex });
    await store.insert(aRequest({}, { id: 'x', taskId: 'tx' }));
    let down = true;
    let clock = '2026-11-30T10:00:05.000Z';
    const sent: Array<{ title: string; scope?: string }> = [];
    const advancer = new Advancer({
      store,
      observers: [
        {
          stage: 'pull-request',
          system: 'The Git host',
          observe: async () => ({
            state: 'failed',
            message: 'Closed without merging',
          }),
        },
      ],
      notifier: new RequestNotifier(
        {
          send: async n => {
            if (down) throw new Error('notifications is down');
            sent.push({ title: n.payload.title, scope: n.payload.scope });
          },
        },
        logger,
      ),
      logger,
      backoff: { initialMs: 1000, maxMs: 2000 },
      now: () => new Date(clock),
    });
    expect(await advancer.advanceDue()).toBe(1);
    const failed = (await store.get('x'))!;
    expect(failed.state).toBe('failed');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Could not notify user:default/guest of request x (Failed at pull request',
      ),
    );
    // The change stays in the request's outbox, not in the API's view.
    expect(failed.untold).toEqual([
      {
        kind: 'failed',
        stage: 'pull-request',
        message: 'Closed without merging',
      },
    ]);
    // Within the minute after the write, the retry leaves it to its writer.
    down = false;
    await advancer.tellUntold();
    expect(sent).toEqual([]);
    // Later, still down: kept.
    down = true;
    clock = '2026-11-30T10:01:06.000Z';
    await advancer.tellUntold();
    expect(sent).toEqual([]);

    down = false;
    await advancer.tellUntold();
    await advancer.tellUntold();
    expect(sent).toEqual([
      {
        title: 'Failed at pull request: Add OpenStack servers web',
        scope: 'canopy-delivery:x:failed:pull-request',
      },
    ]);
    expect((await store.get('x'))!.untold).toBeUndefined();
  });

  it('a replica that stops between writing a change and telling it loses nothing', async () => {
    const knex = await databases.init(id);
    const store = await RequestStore.create({ getClient: async () => knex });
    // What that replica wrote: merged, in the outbox, never told.
    await store.insert(
      aRequest({}, { id: 'y', taskId: 'ty', title: 'stopped' }),
    );
    const written = (await store.get('y'))!;
    expect(
      await store.update({
        ...written,
        version: written.version + 1,
        state: 'ready',
        untold: [{ kind: 'ready' }],
      }),
    ).toBe(true);
    const sent: string[] = [];
    const other = new Advancer({
      store,
      observers: [],
      notifier: new RequestNotifier(
        { send: async n => void sent.push(n.payload.title) },
        mockServices.logger.mock(),
      ),
      logger: mockServices.logger.mock(),
      backoff: { initialMs: 1000, maxMs: 2000 },
      // Over a minute after the write (the request's updatedAt, 10:00:00).
      now: () => new Date('2026-11-30T10:01:01.000Z'),
    });
    await other.tellUntold();
    expect(sent).toEqual(['Ready: stopped']);
    expect(await store.withUntold(LATER)).toEqual([]);
  });

  it('drops, with a warning, what could not be told for a day', async () => {
    const knex = await databases.init(id);
    const store = await RequestStore.create({ getClient: async () => knex });
    await store.insert(aRequest({}, { id: 'z', taskId: 'tz' }));
    const written = (await store.get('z'))!;
    await store.update({
      ...written,
      version: written.version + 1,
      untold: [{ kind: 'ready' }],
    });
    const logger = mockServices.logger.mock();
    const send = jest.fn(async () => {
      throw new Error('no notifications backend');
    });
    const advancer = (at: string) =>
      new Advancer({
        store,
        observers: [],
        notifier: new RequestNotifier({ send }, logger),
        logger,
        backoff: { initialMs: 1000, maxMs: 2000 },
        now: () => new Date(at),
      });
    await advancer('2026-12-01T09:59:59.000Z').tellUntold();
    expect(send).toHaveBeenCalledTimes(1);
    expect(await store.withUntold(LATER)).toHaveLength(1);
    await advancer('2026-12-01T10:00:01.000Z').tellUntold();
    expect(send).toHaveBeenCalledTimes(1);
    expect(await store.withUntold(LATER)).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      'Request z: 1 change(s) could not be told to user:default/guest for a day and are dropped',
    );
  });
});
