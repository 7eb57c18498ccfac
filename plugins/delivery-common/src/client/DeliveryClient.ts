import { ResponseError } from '@backstage/errors';
import type {
  CreateDeliveryRequest,
  DeliveryRequest,
  DeliveryRequestList,
} from '../types';
import type { DeliveryApi } from './DeliveryApi';

/**
 * The one client of the delivery backend's HTTP API. In the browser give it
 * Backstage's discovery and fetch APIs (requests then carry the signed-in
 * user's credentials); in a backend, the discovery service and a fetch that
 * adds a token.
 *
 * @public
 */
export class DeliveryClient implements DeliveryApi {
  private readonly discoveryApi: {
    getBaseUrl(pluginId: string): Promise<string>;
  };
  private readonly fetchApi: { fetch: typeof fetch };

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi ?? { fetch: globalThis.fetch };
  }

  listMyRequests() {
    return this.call<DeliveryRequestList>('/requests?mine=true');
  }

  listEntityRequests(entityRef: string) {
    return this.call<DeliveryRequestList>(
      `/requests?entityRef=${encodeURIComponent(entityRef)}`,
    );
  }

  getRequest(id: string) {
    return this.call<DeliveryRequest>(`/requests/${encodeURIComponent(id)}`);
  }

  createRequest(request: CreateDeliveryRequest) {
    return this.call<DeliveryRequest>('/requests', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  async checkRepository(host: string, path: string): Promise<void> {
    await this.call<void>('/repositories/check', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ host, path }),
    });
  }

  private async call<T>(path: string, init?: RequestInit): Promise<T> {
    const base = await this.discoveryApi.getBaseUrl('delivery');
    const response = await this.fetchApi.fetch(`${base}${path}`, init);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
}
