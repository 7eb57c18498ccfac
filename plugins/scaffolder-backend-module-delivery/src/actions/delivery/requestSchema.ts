/**
 * The delivery backend's own rule for a request body, from its OpenAPI
 * contract (exported by @canopy-idp/plugin-delivery-common/spec): the track
 * action checks the body it would send, so that what it accepts the backend
 * accepts, and a bad value is named before any call.
 */
import type { CreateDeliveryRequest } from '@canopy-idp/plugin-delivery-common';
import { deliveryRequestBodySchema } from '@canopy-idp/plugin-delivery-common/spec';
import Ajv from 'ajv';

const validate = new Ajv({ allErrors: true, strict: false }).compile(
  deliveryRequestBodySchema as object,
);

/**
 * The ways a body breaks the contract, each `field.path: rule`
 * (`expected.argoCdApplications.0.name: must match pattern "…"`); [] when it
 * keeps it.
 */
export function requestBodyProblems(body: CreateDeliveryRequest): string[] {
  if (validate(body)) return [];
  return (validate.errors ?? []).map(error => {
    const field =
      error.instancePath.slice(1).replace(/\//g, '.') ||
      (error.params as { additionalProperty?: string }).additionalProperty ||
      'body';
    const extra = (error.params as { additionalProperty?: string })
      .additionalProperty;
    return `${field}: ${error.message ?? 'is not valid'}${
      extra && error.instancePath ? ` (${extra})` : ''
    }`;
  });
}
