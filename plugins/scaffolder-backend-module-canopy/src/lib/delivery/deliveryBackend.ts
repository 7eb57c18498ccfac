import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type { ResponseError } from '@backstage/errors';
import { DeliveryClient } from '@canopy-idp/plugin-delivery-common';

/** The delivery backend's client, calling on behalf of these credentials (the user who ran the task). */
export async function deliveryClientFor(
  deps: { discovery: DiscoveryService; auth: AuthService },
  onBehalfOf: BackstageCredentials,
): Promise<DeliveryClient> {
  const { token } = await deps.auth.getPluginRequestToken({
    onBehalfOf,
    targetPluginId: 'delivery',
  });
  return new DeliveryClient({
    discoveryApi: deps.discovery,
    fetchApi: {
      fetch: (url, init) =>
        fetch(url, {
          ...init,
          headers: {
            ...(init?.headers as Record<string, string>),
            Authorization: `Bearer ${token}`,
          },
        }),
    },
  });
}

/** The HTTP status of a delivery backend error response, if it is one. */
export function responseStatus(error: unknown): number | undefined {
  const e = error as Partial<ResponseError> | undefined;
  return e?.name === 'ResponseError' ? e.response?.status : undefined;
}

/** The backend's own message from an error response, else the error's. */
export function backendMessage(error: unknown): string {
  const status = responseStatus(error);
  if (status !== undefined) {
    const e = error as ResponseError;
    return `${status} ${e.body?.error?.message ?? e.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}
