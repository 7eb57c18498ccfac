import type {
  CreateDeliveryRequest,
  DeliveryRequest,
  DeliveryRequestList,
} from '../types';

/**
 * The delivery backend's HTTP API.
 *
 * @public
 */
export interface DeliveryApi {
  /** The signed-in user's requests, newest first. */
  listMyRequests(): Promise<DeliveryRequestList>;
  /** The requests that create or change an entity, newest first. */
  listEntityRequests(entityRef: string): Promise<DeliveryRequestList>;
  getRequest(id: string): Promise<DeliveryRequest>;
  /** Records a request (the scaffolder's `canopy:delivery:track` action, on behalf of the user). */
  createRequest(request: CreateDeliveryRequest): Promise<DeliveryRequest>;
  /**
   * Resolves when the signed-in user's teams own the repository `host/path`
   * (`delivery.tenancy.repositories`); rejects with the backend's 403 naming
   * the rule otherwise (the scaffolder's `canopy:publish:pull-request`, on
   * behalf of the user, before it writes with the portal's token).
   */
  checkRepository(host: string, path: string): Promise<void>;
}
