import { spec } from './openapi.generated';

/**
 * The delivery backend's OpenAPI document, its contract
 * (plugins/delivery-backend/src/schema/openapi.yaml, generated here by
 * `yarn openapi:generate`, the same as the backend's router is built from).
 *
 * @public
 */
export const deliveryApiSpec: Readonly<Record<string, unknown>> = spec;

/**
 * The JSON schema of a request body the delivery backend records
 * (`POST /requests`), from {@link deliveryApiSpec}: what a client checks a
 * body with before sending it, so that what it accepts the backend accepts.
 * Self-contained: its `$ref`s point into its own `components`.
 *
 * @public
 */
export const deliveryRequestBodySchema: Readonly<Record<string, unknown>> = {
  $ref: '#/components/schemas/CreateRequest',
  components: spec.components,
};
