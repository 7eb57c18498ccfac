import {
  DeliveryOperationsClient,
  type DeliveryOperationsClientOptions,
} from '../schema/client.generated';
import type { CreateDeliveryRequest } from '../types';
import type { DeliveryApi } from './DeliveryApi';

/**
 * The delivery backend's HTTP API under the names the frontend and the
 * scaffolder use; each call is one operation of the generated
 * {@link DeliveryOperationsClient}.
 *
 * @public
 */
export class DeliveryClient implements DeliveryApi {
  readonly #operations: DeliveryOperationsClient;

  constructor(options: DeliveryOperationsClientOptions) {
    this.#operations = new DeliveryOperationsClient(options);
  }

  listMyRequests() {
    return this.#operations.listRequests({ query: { mine: true } });
  }

  listEntityRequests(entityRef: string) {
    return this.#operations.listRequests({ query: { entityRef } });
  }

  getRequest(id: string) {
    return this.#operations.getRequest({ path: { id } });
  }

  createRequest(request: CreateDeliveryRequest) {
    return this.#operations.createRequest({ body: request });
  }

  checkRepository(host: string, path: string) {
    return this.#operations.checkRepository({ body: { host, path } });
  }
}
