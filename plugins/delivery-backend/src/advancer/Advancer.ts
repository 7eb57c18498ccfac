import type { LoggerService } from '@backstage/backend-plugin-api';
import type { DeliveryStageId } from '@canopy-idp/plugin-delivery-common';
import type { RequestNotifier } from '../notify/RequestNotifier';
import type { DeliveryStageObserver } from '@canopy-idp/plugin-delivery-node';
import type { RequestStore } from '../store/RequestStore';
import type { StoredRequest } from '../store/types';
import { advance } from './advance';

const PARALLEL = 4;

/**
 * How long after a change is written its writer alone tells it: the retry
 * looks only at changes older than this, so it never tells a change while
 * its writer is telling it (the notifications backend folds a same-scope
 * notification only when the two sends do not overlap).
 */
const RETRY_AFTER_MS = 60_000;

/**
 * Advances open requests: the due ones on the scheduler's beat (one replica
 * at a time), the ones a webhook names at once. Each advance is written only
 * if no other replica wrote the request first, so every change is made once
 * however many replicas run. Its changes are written with it into the
 * request's outbox (`untold`) and told by the writer, then cleared; what
 * could not be told (a notifications backend down, a replica stopped in
 * between) is told on a later beat, a minute after it was written. A change told twice updates the
 * requester's one notification of it (see notificationFor).
 */
export class Advancer {
  private readonly observers: Map<DeliveryStageId, DeliveryStageObserver>;

  constructor(
    private readonly options: {
      store: RequestStore;
      observers: DeliveryStageObserver[];
      notifier: RequestNotifier;
      logger: LoggerService;
      backoff: { initialMs: number; maxMs: number };
      /** An open request that has not changed for this long is given up on. */
      maxIdleMs?: number;
      now?: () => Date;
    },
  ) {
    this.observers = new Map(options.observers.map(o => [o.stage, o]));
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }

  /** Advances the requests whose next check is due; returns how many it wrote. */
  async advanceDue(): Promise<number> {
    const due = await this.options.store.due(this.now().toISOString());
    return this.advanceAll(due);
  }

  /**
   * Tells the changes earlier advances wrote but could not tell, once their
   * writer had its time to tell them (RETRY_AFTER_MS). Changes of a request
   * last written more than a day ago are dropped, with a warning (a portal
   * without a notifications backend would otherwise retry them for ever).
   */
  async tellUntold(): Promise<void> {
    const { store, logger } = this.options;
    const now = this.now().getTime();
    const dayAgo = now - 86_400_000;
    const due = new Date(now - RETRY_AFTER_MS).toISOString();
    for (const request of await store.withUntold(due)) {
      if (Date.parse(request.updatedAt) < dayAgo) {
        logger.warn(
          `Request ${request.id}: ${
            request.untold!.length
          } change(s) could not be told to ${
            request.requester
          } for a day and are dropped`,
        );
        await store.markTold(request.id, request.version);
      } else {
        await this.tell(request);
      }
    }
  }

  /** Tells a request's untold changes; clears them once all were sent. */
  private async tell(request: StoredRequest) {
    if (!request.untold?.length) return;
    if (await this.options.notifier.tell(request, request.untold)) {
      await this.options.store.markTold(request.id, request.version);
    }
  }

  /** Advances these requests now (webhooks). */
  async advanceAll(requests: StoredRequest[]): Promise<number> {
    let written = 0;
    const queue = [...requests];
    const worker = async () => {
      for (let r = queue.shift(); r; r = queue.shift()) {
        if (await this.advanceOne(r)) written++;
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    return written;
  }

  private async advanceOne(
    request: StoredRequest,
    retry = true,
  ): Promise<boolean> {
    const { store, logger, backoff } = this.options;
    try {
      const advanced = await advance(request, this.observers, this.now(), {
        backoff,
        maxIdleMs: this.options.maxIdleMs ?? 30 * 86_400_000,
        onError: (stage, error) =>
          logger.warn(
            `Request ${request.id}: the ${stage} stage could not be observed: ${error}`,
          ),
      });
      const untold = [...(request.untold ?? []), ...advanced.events];
      const next = {
        ...advanced.next,
        untold: untold.length ? untold : undefined,
      };
      if (!(await store.update(next))) {
        // Another replica wrote it first. Look once more from what it wrote,
        // so a webhook's fresher news is not lost to an older read.
        const latest = retry ? await store.get(request.id) : undefined;
        if (latest?.state === 'open') return this.advanceOne(latest, false);
        logger.debug(
          `Request ${request.id} was advanced by another replica first`,
        );
        return false;
      }
      if (next.state !== request.state || advanced.events.length) {
        logger.info(
          `Request ${request.id} (${request.title}): ${next.state}, stage ${
            next.currentStage ?? 'none'
          }`,
        );
      }
      // The writer tells only the changes it made; changes it carried on
      // (written before and not yet cleared, perhaps being told by their own
      // writer right now) are left to the retry.
      if (
        advanced.events.length &&
        (await this.options.notifier.tell(next, advanced.events)) &&
        !request.untold?.length
      ) {
        await store.markTold(next.id, next.version);
      }
      return true;
    } catch (error) {
      logger.error(
        `Could not advance request ${request.id}: ${(error as Error).message}`,
      );
      return false;
    }
  }
}
