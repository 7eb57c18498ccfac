import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { DeliveryObservationError } from '@canopy-idp/plugin-delivery-node';

const TIMEOUT_MS = 15_000;

/**
 * The Kubernetes API of the clusters the portal knows, read through the
 * kubernetes backend: its `/clusters` for their names (whichever locators
 * supply them: config, catalog, GKE, ...) and its `/proxy` for the reads,
 * which that backend signs with each cluster's own auth strategy. Delivery
 * calls it with its own service token: it holds no cluster credential.
 */
export class KubernetesProxy {
  constructor(
    private readonly deps: {
      discovery: Pick<DiscoveryService, 'getBaseUrl'>;
      auth: Pick<
        AuthService,
        'getOwnServiceCredentials' | 'getPluginRequestToken'
      >;
      fetch?: typeof fetch;
    },
  ) {}

  /** The clusters' names, in the kubernetes backend's order. */
  async clusterNames(): Promise<string[]> {
    const response = await this.call('/clusters');
    if (!response.ok) {
      throw new DeliveryObservationError(
        `The kubernetes backend answered HTTP ${response.status} for its cluster list`,
      );
    }
    const { items } = (await response.json()) as {
      items?: Array<{ name: string }>;
    };
    return (items ?? []).map(c => c.name);
  }

  /** The cluster a read goes to when none is named: the first one. */
  async defaultCluster(): Promise<string | undefined> {
    return (await this.clusterNames())[0];
  }

  /** `GET <path>` of the cluster's Kubernetes API, e.g. `/apis/kro.run/v1alpha1/...`. */
  async get(cluster: string, path: string): Promise<Response> {
    return this.call(`/proxy${path}`, {
      Accept: 'application/json',
      'Backstage-Kubernetes-Cluster': cluster,
    });
  }

  private async call(path: string, headers: Record<string, string> = {}) {
    const base = await this.deps.discovery.getBaseUrl('kubernetes');
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
      targetPluginId: 'kubernetes',
    });
    try {
      return await (this.deps.fetch ?? fetch)(`${base}${path}`, {
        headers: { ...headers, Authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new DeliveryObservationError(
        `The kubernetes backend did not answer: ${(error as Error).message}`,
      );
    }
  }
}
