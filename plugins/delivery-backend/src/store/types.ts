import type {
  DeliveryRequest,
  DeliveryStageName,
} from '@canopy-idp/plugin-delivery-common';

/** A change worth telling the requester about. */
export interface DeliveryEvent {
  kind: 'stage-succeeded' | 'ready' | 'failed';
  stage?: DeliveryStageName;
  message?: string;
}

/**
 * What stages learn and later stages use: the pull request's merge commit,
 * for instance, is what the apply pipeline runs on.
 */
export interface DeliveryFacts {
  mergeCommitSha?: string;
  /** When the pull request was merged (ISO time). */
  mergedAt?: string;
  targetBranch?: string;
}

/** A request as stored: what the API shows, and what only the backend uses. */
export interface StoredRequest extends DeliveryRequest {
  /** The requester's ownership refs when the request was recorded (for OpenStack tenancy). */
  requesterOwnership: string[];
  facts: DeliveryFacts;
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
