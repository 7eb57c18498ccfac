import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { DeliveryStageName } from '@canopy-idp/plugin-delivery-common';
import type { DeliveryStageObserver } from './observer';

/**
 * Where an added stage goes in a request's timeline.
 *
 * @public
 */
export interface DeliveryAddedStageOptions {
  /**
   * The built-in stage it follows (`pipeline` for a Flux or Jenkins stage
   * that waits for the apply); when left out, or when a request does not
   * have that stage, it comes last.
   */
  after?: DeliveryStageName;
}

/**
 * Adds stages to the requests the delivery backend follows. A request has an
 * added stage when its expectations name it (`expected.stages.<stage>`, the
 * observer's own input); a request naming a stage no installed observer
 * follows is refused.
 *
 * @public
 */
export interface DeliveryObserversExtensionPoint {
  addObserver(
    observer: DeliveryStageObserver,
    options?: DeliveryAddedStageOptions,
  ): void;
}

/**
 * The delivery backend's observers extension point: a backend module adds
 * its stage's observer through it.
 *
 * @public
 */
export const deliveryObserversExtensionPoint =
  createExtensionPoint<DeliveryObserversExtensionPoint>({
    id: 'delivery.observers',
  });
