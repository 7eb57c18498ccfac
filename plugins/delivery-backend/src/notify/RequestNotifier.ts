import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import type {
  DeliveryStageId,
  DeliveryStageName,
} from '@canopy-idp/plugin-delivery-common';
import type { DeliveryEvent } from '../advancer/advance';
import type { StoredRequest } from '../store/types';

type Payload = NotificationSendOptions['payload'];

const STAGE_TITLES: Record<DeliveryStageName, string> = {
  'pull-request': 'pull request',
  pipeline: 'apply pipeline',
  argocd: 'Argo CD',
  kro: 'KRO',
  openstack: 'OpenStack',
};

/** A built-in stage's title; an added stage's name. */
function stageTitle(stage: DeliveryStageId): string {
  return STAGE_TITLES[stage as DeliveryStageName] ?? stage;
}

/** The notification for an event, or nothing when the requester need not hear of it. */
export function notificationFor(
  request: StoredRequest,
  event: DeliveryEvent,
): Payload | undefined {
  const link = `/delivery?request=${encodeURIComponent(request.id)}`;
  // One scope per change: a change told again (the outbox retries until the
  // notifications backend took it) updates the requester's one notification
  // of it instead of adding a second. Distinct changes have distinct scopes.
  const scope = `canopy-delivery:${request.id}:${event.kind}:${
    event.stage ?? ''
  }`;
  const base = { link, topic: 'canopy-delivery', scope };
  const pr = `Pull request: ${request.pullRequest.url}`;
  if (event.kind === 'stage-succeeded' && event.stage === 'pull-request') {
    return {
      ...base,
      title: `Merged: ${request.title}`,
      description: `Your request for ${request.entityRef} was merged. ${pr}`,
      severity: 'normal',
    };
  }
  if (event.kind === 'stage-succeeded' && event.stage === 'pipeline') {
    const run = request.stages.find(s => s.name === 'pipeline')?.links[0];
    return {
      ...base,
      title: `Applied: ${request.title}`,
      description: `The apply pipeline succeeded${
        run ? ` (${run.url})` : ''
      }. ${pr}`,
      severity: 'normal',
    };
  }
  if (event.kind === 'ready') {
    return {
      ...base,
      title: `Ready: ${request.title}`,
      description: `Everything ${request.entityRef} asked for is running. ${pr}`,
      severity: 'normal',
    };
  }
  if (event.kind === 'failed') {
    return {
      ...base,
      title: `Failed at ${stageTitle(event.stage!)}: ${request.title}`,
      description: `${event.message ?? 'The stage failed.'} ${pr}`,
      severity: 'high',
    };
  }
  return undefined;
}

/**
 * Tells the requester, through Backstage notifications (and signals, when
 * the notifications backend has them), that their request was merged,
 * applied, is ready, or failed. A notifications backend that cannot be
 * reached is logged, never fails the request: `tell` answers false, and the
 * changes stay in the request's outbox to be told again.
 */
export class RequestNotifier {
  constructor(
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  /** Sends each event's notification; true when every one was sent. */
  async tell(
    request: StoredRequest,
    events: DeliveryEvent[],
  ): Promise<boolean> {
    let all = true;
    for (const event of events) {
      const payload = notificationFor(request, event);
      if (!payload) continue;
      try {
        await this.notifications.send({
          recipients: { type: 'entity', entityRef: request.requester },
          payload,
        });
      } catch (error) {
        all = false;
        this.logger.warn(
          `Could not notify ${request.requester} of request ${request.id} (${
            payload.title
          }): ${(error as Error).message}`,
        );
      }
    }
    return all;
  }
}
