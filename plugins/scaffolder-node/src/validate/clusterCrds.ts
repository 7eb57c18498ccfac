import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';

/**
 * Reads the CustomResourceDefinitions installed on a cluster through
 * Backstage's kubernetes backend proxy (`/api/kubernetes/proxy`), on behalf
 * of the user who runs the task, following the API server's `continue` pages.
 *
 * @public
 */
export async function fetchClusterCrds(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  credentials: BackstageCredentials;
  cluster: string;
}): Promise<unknown[]> {
  const { discovery, auth, credentials, cluster } = options;
  const base = await discovery.getBaseUrl('kubernetes');
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: credentials,
    targetPluginId: 'kubernetes',
  });
  const items: unknown[] = [];
  let next: string | undefined;
  do {
    const query = new URLSearchParams({
      limit: '100',
      ...(next ? { continue: next } : {}),
    });
    const res = await fetch(
      `${base}/proxy/apis/apiextensions.k8s.io/v1/customresourcedefinitions?${query}`,
      {
        headers: {
          Authorization: `Bearer ${token}`,
          'Backstage-Kubernetes-Cluster': cluster,
        },
      },
    );
    if (!res.ok) {
      throw new Error(
        `cannot read the CRDs of cluster '${cluster}' through the kubernetes backend: HTTP ${res.status}`,
      );
    }
    const body = await res.json();
    items.push(...(body.items ?? []));
    next = body.metadata?.continue || undefined;
  } while (next);
  return items;
}
