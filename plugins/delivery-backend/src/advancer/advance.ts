import type {
  DeliveryStage,
  DeliveryStageId,
} from '@canopy-idp/plugin-delivery-common';
import {
  DeliveryObservationError,
  type DeliveryStageObserver,
} from '@canopy-idp/plugin-delivery-node';
import type { DeliveryEvent, StoredRequest } from '../store/types';

export type { DeliveryEvent } from '../store/types';

export interface Advanced {
  next: StoredRequest;
  events: DeliveryEvent[];
}

/** What counts as a change: not when it was checked, nor an unknown stage's changing error text. */
const comparable = (stages: DeliveryStage[]) =>
  JSON.stringify(
    stages.map(({ checkedAt: _c, message, ...s }) =>
      s.state === 'unknown' ? s : { ...s, message },
    ),
  );

export interface AdvanceOptions {
  backoff: { initialMs: number; maxMs: number };
  /** An open request that has not changed for this long fails (it is given up on). */
  maxIdleMs: number;
  /** Told of an unexpected error (its text is not shown to users). */
  onError?: (stage: DeliveryStageId, error: unknown) => void;
}

/**
 * Moves a request as far as its systems say it has come: the current stage
 * is observed; when it succeeded the next one is observed at once, until a
 * stage is still going, failed, or could not be asked (`unknown`). Pure but
 * for the observers; `next.version` is one more than the request's.
 */
export async function advance(
  request: StoredRequest,
  observers: ReadonlyMap<DeliveryStageId, DeliveryStageObserver>,
  now: Date,
  options: AdvanceOptions,
): Promise<Advanced> {
  const { backoff } = options;
  const at = now.toISOString();
  const stages = request.stages.map(s => ({ ...s, links: [...s.links] }));
  let facts = { ...request.facts };
  let state = request.state;
  const events: DeliveryEvent[] = [];

  for (const stage of stages) {
    if (state !== 'open') break;
    if (stage.state === 'succeeded') continue;
    stage.startedAt ??= at;
    const observer = observers.get(stage.name);
    try {
      if (!observer) {
        throw new Error(
          `no observer for the ${stage.name} stage is configured`,
        );
      }
      const seen = await observer.observe({ ...request, stages, facts });
      stage.checkedAt = at;
      if (seen.message !== undefined) stage.message = seen.message;
      if (seen.links) stage.links = seen.links;
      if (seen.facts) facts = { ...facts, ...seen.facts };
      stage.state = seen.state;
      if (seen.state === 'succeeded' || seen.state === 'failed') {
        stage.finishedAt = at;
      }
    } catch (error) {
      stage.state = 'unknown';
      stage.checkedAt = at;
      // Only an observer's own messages are shown; anything else may carry
      // details meant for the log, not for the browser.
      if (error instanceof DeliveryObservationError) {
        stage.message = error.message;
      } else {
        stage.message = `${
          observer?.system ?? stage.name
        } could not be asked (the portal's log has the details)`;
        options.onError?.(stage.name, error);
      }
      break;
    }
    if (stage.state === 'succeeded') {
      events.push({ kind: 'stage-succeeded', stage: stage.name });
      continue;
    }
    if (stage.state === 'failed') {
      state = 'failed';
      events.push({
        kind: 'failed',
        stage: stage.name,
        message: stage.message,
      });
    }
    break;
  }
  if (state === 'open' && stages.every(s => s.state === 'succeeded')) {
    state = 'ready';
    events.push({ kind: 'ready' });
  }

  let changed =
    state !== request.state ||
    comparable(stages) !== comparable(request.stages);
  const idleMs = now.getTime() - Date.parse(request.updatedAt);
  if (state === 'open' && !changed && idleMs > options.maxIdleMs) {
    // Given up on: nothing moved for too long (a pull request left open, an
    // application that never appears). The requester is told.
    const current = stages.find(s => s.state !== 'succeeded')!;
    current.state = 'failed';
    current.finishedAt = at;
    current.message = `Nothing changed for ${Math.round(
      options.maxIdleMs / 86_400_000,
    )} days; no longer followed${
      current.message ? ` (last: ${current.message})` : ''
    }`;
    state = 'failed';
    changed = true;
    events.push({
      kind: 'failed',
      stage: current.name,
      message: current.message,
    });
  }
  const attempts = changed ? 0 : request.attempts + 1;
  const wait = Math.min(
    backoff.initialMs * 2 ** Math.min(attempts, 20),
    backoff.maxMs,
  );
  const next: StoredRequest = {
    ...request,
    stages,
    facts,
    state,
    currentStage: stages.find(s => s.state !== 'succeeded')?.name,
    attempts,
    version: request.version + 1,
    updatedAt: changed ? at : request.updatedAt,
  };
  if (state === 'open')
    next.nextCheckAt = new Date(now.getTime() + wait).toISOString();
  else delete next.nextCheckAt;
  return { next, events };
}
