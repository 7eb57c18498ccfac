/*
 * Delivery requests and their stages: named from the delivery API's OpenAPI
 * document (src/schema/names.generated.ts and enums.generated.ts, written by
 * `yarn openapi:generate` from plugins/delivery-backend/src/schema/openapi.yaml),
 * where each shape and its documentation are written once.
 */
import { enums } from '../schema/enums.generated';

/**
 * The stages a request goes through, in order (the document's `StageName`).
 *
 * @public
 */
export const DELIVERY_STAGES = enums.StageName;
