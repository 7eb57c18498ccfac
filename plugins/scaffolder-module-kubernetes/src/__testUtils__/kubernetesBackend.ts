import {
  KubernetesBackendClient,
  type KubernetesAuthProvidersApi,
} from '@backstage/plugin-kubernetes-react';
import { MockFetchApi } from '@backstage/test-utils';

const discoveryApi = {
  getBaseUrl: async (pluginId: string) =>
    `http://backstage.test/api/${pluginId}`,
};

/**
 * The Kubernetes backend answering GET /clusters (or never: 'pending'),
 * behind the Kubernetes plugin's own client; records the URLs called.
 */
export function kubernetesBackend(answer: unknown, status = 200) {
  const calls: string[] = [];
  const fetchApi = new MockFetchApi({
    baseImplementation: async (input: any) => {
      calls.push(String(input));
      if (answer === 'pending') {
        return new Promise<Response>(() => {});
      }
      return new Response(JSON.stringify(answer), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    },
  });
  const client = new KubernetesBackendClient({
    discoveryApi,
    fetchApi,
    kubernetesAuthProvidersApi: {} as KubernetesAuthProvidersApi,
  });
  return { calls, client };
}

/** What {@link kubernetesBackend} makes. */
export type KubernetesBackend = ReturnType<typeof kubernetesBackend>;
