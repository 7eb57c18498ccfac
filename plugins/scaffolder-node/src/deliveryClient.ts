import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, type ResponseError } from '@backstage/errors';
import { DeliveryClient } from '@canopy-idp/plugin-delivery-common';

/**
 * The delivery backend's client, calling on behalf of these credentials (the user who ran the task).
 *
 * @public
 */
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

/**
 * The HTTP status of a delivery backend error response, if it is one.
 *
 * @public
 */
export function responseStatus(error: unknown): number | undefined {
  const e = error as Partial<ResponseError> | undefined;
  return e?.name === 'ResponseError' ? e.response?.status : undefined;
}

/**
 * The backend's own message from an error response, else the error's.
 *
 * @public
 */
export function backendMessage(error: unknown): string {
  const status = responseStatus(error);
  if (status !== undefined) {
    const e = error as ResponseError;
    return `${status} ${e.body?.error?.message ?? e.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Before the portal's integration token reads or writes a repository for a
 * user: the delivery backend, which holds who owns which repository
 * (delivery.tenancy.repositories), must say the user's teams own it. Deny by
 * default: no answer is a refusal. With the user's own token (`token`) the
 * host checks the user's rights itself: nothing to ask.
 *
 * @param deps - the module's discovery and auth services
 * @param ctx - the action's context, for the task initiator's credentials
 * @param repository - the repository (`host`, `owner`, `repo`) and the user's
 *   own token, when the action was given one
 * @public
 */
export async function ownedRepository(
  deps: { discovery: DiscoveryService; auth: AuthService },
  ctx: { getInitiatorCredentials(): Promise<BackstageCredentials> },
  repository: { host: string; owner: string; repo: string; token?: string },
) {
  if (repository.token) {
    return;
  }
  const { host } = repository;
  const path = `${repository.owner}/${repository.repo}`;
  const credentials = await ctx.getInitiatorCredentials();
  const rule =
    "rule: the portal's integration token writes only to a repository the user's teams own (delivery.tenancy.repositories); give the action the user's own token (input token) to write with the user's rights instead";
  try {
    await (
      await deliveryClientFor(deps, credentials)
    ).checkRepository(host, path);
  } catch (error) {
    const status = responseStatus(error);
    if (status === 403) {
      throw new NotAllowedError(backendMessage(error).replace(/^403 /, ''));
    }
    throw new NotAllowedError(
      `repoUrl: could not learn whether the user's teams own ${host}/${path}: ${
        status === 404
          ? 'the delivery backend (@canopy-idp/plugin-delivery-backend) is not installed'
          : backendMessage(error)
      } (${rule})`,
    );
  }
}
