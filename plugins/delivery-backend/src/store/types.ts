import type {
  DeliveryRequest,
  DeliveryStageId,
} from '@canopy-idp/plugin-delivery-common';
import type { DeliveryObservedRequest } from '@canopy-idp/plugin-delivery-node';

export type { DeliveryFacts } from '@canopy-idp/plugin-delivery-node';

/** A change worth telling the requester about. */
export interface DeliveryEvent {
  kind: 'stage-succeeded' | 'ready' | 'failed';
  stage?: DeliveryStageId;
  message?: string;
}

/** A request as stored: what the API shows, and what only the backend uses. */
export interface StoredRequest extends DeliveryObservedRequest {
  /** Bumped by each update; an update made on an older version is refused. */
  version: number;
  /** Unchanged checks in a row (for the backoff). */
  attempts: number;
  /** When the advancer next looks at it; absent once ready or failed. */
  nextCheckAt?: string;
  /** Changes written but not told yet (the outbox); absent once told. */
  untold?: DeliveryEvent[];
}

/** The API's view of a stored request. */
export function publicView(request: StoredRequest): DeliveryRequest {
  const {
    requesterOwnership: _o,
    facts: _f,
    version: _v,
    attempts: _a,
    nextCheckAt: _n,
    untold: _u,
    ...view
  } = request;
  return view;
}
