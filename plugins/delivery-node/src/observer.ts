import type {
  DeliveryLink,
  DeliveryRequest,
  DeliveryStageId,
} from '@canopy-idp/plugin-delivery-common';

/**
 * What stages learn and later stages use: the pull request's merge commit,
 * for instance, is what the apply pipeline runs on.
 *
 * @public
 */
export interface DeliveryFacts {
  mergeCommitSha?: string;
  /** When the pull request was merged (ISO time). */
  mergedAt?: string;
  targetBranch?: string;
}

/**
 * A request as an observer sees it: what the API shows, the facts earlier
 * stages learnt, and the requester's ownership refs when it was recorded
 * (from sign-in: what a tenancy check of the observer's reads starts from).
 *
 * @public
 */
export interface DeliveryObservedRequest extends DeliveryRequest {
  facts: DeliveryFacts;
  requesterOwnership: string[];
}

/**
 * What an observer saw of its stage's system.
 *
 * @public
 */
export interface DeliveryObservation {
  state: 'pending' | 'running' | 'succeeded' | 'failed';
  message?: string;
  links?: DeliveryLink[];
  /** What later stages need, e.g. the merge commit. */
  facts?: DeliveryFacts;
}

/**
 * Looks at the system behind one stage (the Git host, the CI system, Argo CD,
 * Kubernetes, OpenStack, or what an adopter adds: Flux, Jenkins, ...) and
 * says where the request is. Throwing means the system could not be asked:
 * the stage becomes `unknown` and is asked again later; it never fails the
 * request. Only a {@link DeliveryObservationError}'s message is shown to
 * users; any other error is logged and the stage says that `system` could
 * not be asked.
 *
 * An observer that reads with the portal's credentials must check that the
 * requester's teams (`requesterOwnership`) own what it reads: the request's
 * expectations are the requester's input.
 *
 * @public
 */
export interface DeliveryStageObserver {
  /** The stage's name (the contract's `StageId`: `^[a-z][a-z0-9-]{0,39}$`). */
  readonly stage: DeliveryStageId;
  /** The system behind the stage, as users read it, e.g. `Flux`. */
  readonly system: string;
  observe(request: DeliveryObservedRequest): Promise<DeliveryObservation>;
}

/**
 * An error whose message is safe and useful to show as the stage's message.
 *
 * @public
 */
export class DeliveryObservationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeliveryObservationError';
  }
}
