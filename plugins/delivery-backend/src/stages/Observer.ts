import type {
  DeliveryLink,
  DeliveryStageName,
} from '@canopy-idp/plugin-delivery-common';
import type { DeliveryFacts, StoredRequest } from '../store/types';

/** What an observer saw of its stage's system. */
export interface Observation {
  state: 'pending' | 'running' | 'succeeded' | 'failed';
  message?: string;
  links?: DeliveryLink[];
  /** What later stages need, e.g. the merge commit. */
  facts?: DeliveryFacts;
}

/**
 * Looks at the system behind one stage (the Git host, the CI system, Argo CD,
 * Kubernetes, OpenStack) and says where the request is. Throwing means the
 * system could not be asked: the stage becomes `unknown` and is asked again
 * later; it never fails the request.
 */
export interface StageObserver {
  readonly stage: DeliveryStageName;
  observe(request: StoredRequest): Promise<Observation>;
}

/** An error whose message is safe and useful to show as the stage's message. */
export class ObservationError extends Error {}
