import { spec } from './openapi.generated';

/**
 * The JSON schema of a request body the delivery backend records
 * (`POST /requests`), from the delivery API's OpenAPI document: what a client
 * checks a body with before sending it, so that what it accepts the backend
 * accepts. Self-contained: its `$ref`s point into its own `components`.
 *
 * @public
 */
export const deliveryRequestBodySchema: Readonly<Record<string, unknown>> = {
  $ref: '#/components/schemas/CreateRequest',
  components: spec.components,
};
