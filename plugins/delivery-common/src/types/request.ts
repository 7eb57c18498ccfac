/*
 * Delivery requests and their stages: named from the delivery API's OpenAPI
 * document (src/schema/types.generated.ts and enums.generated.ts, written by
 * `yarn openapi:generate` from plugins/delivery-backend/src/schema/openapi.yaml),
 * where each shape and its documentation are written once.
 */
import { enums } from '../schema/enums.generated';
import type { components } from '../schema/types.generated';

/**
 * The stages a request goes through, in order (the document's `StageName`).
 *
 * @public
 */
export const DELIVERY_STAGES = enums.StageName;

/** The built-in stages' names. @public */
export type DeliveryStageName = components['schemas']['StageName'];

/**
 * A stage's name: a built-in {@link DeliveryStageName} or the stage of an
 * observer added through the delivery backend's observers extension point.
 *
 * @public
 */
export type DeliveryStageId = components['schemas']['StageId'];

/** @public */
export type DeliveryStageState = components['schemas']['StageState'];

/** @public */
export type DeliveryRequestState = components['schemas']['RequestState'];

/** @public */
export type DeliveryLink = components['schemas']['Link'];

/** @public */
export type DeliveryStage = components['schemas']['Stage'];

/** @public */
export type ExpectedArgoCdApplication =
  components['schemas']['ExpectedArgoCdApplication'];

/** @public */
export type ExpectedKroInstance = components['schemas']['ExpectedKroInstance'];

/** @public */
export type ExpectedOpenStackResources =
  components['schemas']['ExpectedOpenStackResources'];

/** @public */
export type DeliveryExpectations = components['schemas']['Expectations'];

/** @public */
export type DeliveryPullRequest = components['schemas']['PullRequest'];

/** @public */
export type DeliveryRequest = components['schemas']['Request'];

/** @public */
export type CreateDeliveryRequest = components['schemas']['CreateRequest'];

/** @public */
export type DeliveryRequestList = components['schemas']['RequestList'];
