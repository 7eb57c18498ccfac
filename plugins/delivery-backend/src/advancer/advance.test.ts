import type { DeliveryStageName } from '@canopy-idp/plugin-delivery-common';
import { aRequest } from '../__testUtils__/requests';
import type {
  DeliveryObservation,
  DeliveryStageObserver,
} from '@canopy-idp/plugin-delivery-node';
import { DeliveryObservationError } from '@canopy-idp/plugin-delivery-node';
import { advance } from './advance';

const options = {
  backoff: { initialMs: 30_000, maxMs: 900_000 },
  maxIdleMs: 30 * 86_400_000,
};
const now = new Date('2026-11-30T10:05:00.000Z');

function observers(
  seen: Partial<Record<DeliveryStageName, DeliveryObservation | Error>>,
): Map<DeliveryStageName, DeliveryStageObserver> {
  return new Map(
    Object.entries(seen).map(([stage, result]) => [
      stage as DeliveryStageName,
      {
        stage: stage as DeliveryStageName,
        system: stage === 'pull-request' ? 'The Git host' : stage,
        observe: async () => {
          if (result instanceof Error) throw result;
          return result!;
        },
      },
    ]),
  );
}

/** One pass over `request` with observers that see `seen`, at `now`. */
const advanceSeeing = (
  seen: Parameters<typeof observers>[0],
  request = aRequest(),
) => advance(request, observers(seen), now, options);

describe('advance', () => {
  it('moves through every stage that has succeeded, in one pass, to ready', async () => {
    const { next, events } = await advanceSeeing(
      {
        'pull-request': {
          state: 'succeeded',
          message: 'Merged into main',
          facts: { mergeCommitSha: 'abc1234' },
        },
        pipeline: { state: 'succeeded', message: 'applied' },
        argocd: { state: 'succeeded', message: 'web: Synced, Healthy' },
      },
      aRequest({ pipeline: true, argoCdApplications: [{ name: 'web' }] }),
    );
    expect(next.state).toBe('ready');
    expect(next.currentStage).toBeUndefined();
    expect(next.stages.map(s => [s.name, s.state])).toEqual([
      ['pull-request', 'succeeded'],
      ['pipeline', 'succeeded'],
      ['argocd', 'succeeded'],
    ]);
    expect(next.stages[1]).toMatchObject({
      startedAt: now.toISOString(),
      finishedAt: now.toISOString(),
    });
    expect(next.facts.mergeCommitSha).toBe('abc1234');
    expect(next.nextCheckAt).toBeUndefined();
    expect(next.version).toBe(1);
    expect(events.map(e => `${e.kind}:${e.stage ?? ''}`)).toEqual([
      'stage-succeeded:pull-request',
      'stage-succeeded:pipeline',
      'stage-succeeded:argocd',
      'ready:',
    ]);
  });

  it('passes what a stage learnt to the next one', async () => {
    let shaSeen: string | undefined;
    const map = observers({
      'pull-request': {
        state: 'succeeded',
        facts: { mergeCommitSha: 'feed' },
      },
    });
    map.set('pipeline', {
      stage: 'pipeline',
      system: 'The CI system',
      observe: async r => {
        shaSeen = r.facts.mergeCommitSha;
        return { state: 'running', message: 'apply in_progress' };
      },
    });
    const { next } = await advance(aRequest(), map, now, options);
    expect(shaSeen).toBe('feed');
    expect(next.currentStage).toBe('pipeline');
    expect(next.stages[1]).toMatchObject({
      state: 'running',
      message: 'apply in_progress',
    });
  });

  it('stops at a failed stage, fails the request and says why', async () => {
    const { next, events } = await advanceSeeing({
      'pull-request': { state: 'succeeded' },
      pipeline: { state: 'failed', message: 'apply concluded failure' },
    });
    expect(next.state).toBe('failed');
    expect(next.currentStage).toBe('pipeline');
    expect(next.nextCheckAt).toBeUndefined();
    expect(events.at(-1)).toEqual({
      kind: 'failed',
      stage: 'pipeline',
      message: 'apply concluded failure',
    });
  });

  it('leaves a stage whose system cannot be asked unknown, with when and why, and the request open', async () => {
    const { next, events } = await advanceSeeing({
      'pull-request': new DeliveryObservationError(
        'GitHub did not answer (HTTP 502)',
      ),
    });
    expect(next.state).toBe('open');
    expect(next.stages[0]).toMatchObject({
      state: 'unknown',
      checkedAt: now.toISOString(),
      message: 'GitHub did not answer (HTTP 502)',
    });
    expect(events).toEqual([]);
    expect(next.nextCheckAt).toBe(
      new Date(now.getTime() + 30_000).toISOString(),
    );
  });

  it('backs off while nothing changes, and starts over when something does', async () => {
    const same = observers({
      'pull-request': {
        state: 'running',
        message: 'Waiting for review and merge',
      },
    });
    let request = aRequest();
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      request = (await advance(request, same, now, options)).next;
      waits.push((Date.parse(request.nextCheckAt!) - now.getTime()) / 1000);
    }
    expect(waits).toEqual([60, 120, 240, 480, 900, 900, 900]);
    const moved = (
      await advanceSeeing(
        {
          'pull-request': { state: 'running', message: 'checks: 1 running' },
        },
        request,
      )
    ).next;
    expect(moved.attempts).toBe(0);
    expect(Date.parse(moved.nextCheckAt!) - now.getTime()).toBe(30_000);
  });

  it('does not look at a request that is no longer open', async () => {
    const observe = jest.fn();
    const request = aRequest({}, { state: 'failed' });
    const { next } = await advance(
      request,
      new Map([
        [
          'pull-request',
          { stage: 'pull-request', system: 'The Git host', observe },
        ],
      ]),
      now,
      options,
    );
    expect(observe).not.toHaveBeenCalled();
    expect(next.state).toBe('failed');
  });

  it('shows only an observer’s own message: any other error is logged, not shown', async () => {
    const logged: unknown[] = [];
    const { next } = await advance(
      aRequest(),
      observers({
        'pull-request': new Error('connect ECONNREFUSED token=ghp_secret'),
      }),
      now,
      { ...options, onError: (_stage, error) => logged.push(error) },
    );
    expect(next.stages[0]).toMatchObject({
      state: 'unknown',
      message:
        "The Git host could not be asked (the portal's log has the details)",
    });
    expect(JSON.stringify(next)).not.toContain('ghp_secret');
    expect(logged).toHaveLength(1);
  });

  it('does not count a new error text of an unknown stage as a change', async () => {
    let request = aRequest();
    for (const n of [1, 2, 3]) {
      request = (
        await advanceSeeing(
          {
            'pull-request': new DeliveryObservationError(
              `HTTP 502 (request ${n})`,
            ),
          },
          request,
        )
      ).next;
    }
    expect(request.attempts).toBe(2);
  });

  it('gives up on a request that has not changed for too long, and says so', async () => {
    const request = aRequest({}, { updatedAt: '2026-10-01T00:00:00.000Z' });
    const { next, events } = await advanceSeeing(
      {
        'pull-request': {
          state: 'running',
          message: 'Waiting for review and merge',
        },
      },
      request,
    );
    expect(next.state).toBe('failed');
    expect(next.stages[0].message).toBe(
      'Nothing changed for 30 days; no longer followed (last: Waiting for review and merge)',
    );
    expect(events).toEqual([
      {
        kind: 'failed',
        stage: 'pull-request',
        message: next.stages[0].message,
      },
    ]);
  });
});
