/**
 * The delivery backend's contract: its OpenAPI document (generated from
 * plugins/delivery-backend/src/schema/openapi.yaml by `yarn openapi:generate`),
 * which the backend's router is built from, and the JSON schema of a request
 * body, which `canopy:delivery:track` checks its body with. An entry point of
 * its own, so that frontend bundles do not carry the document.
 *
 * @packageDocumentation
 */

export { spec as deliveryApiSpec } from './schema/openapi.generated';
export { deliveryRequestBodySchema } from './schema/requestBody';
