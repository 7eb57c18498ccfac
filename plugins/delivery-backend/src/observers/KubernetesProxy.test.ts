import { mockServices } from '@backstage/backend-test-utils';
import { KubernetesProxy } from './KubernetesProxy';

describe('KubernetesProxy', () => {
  const calls: Array<{ url: string; headers: Record<string, string> }> = [];
  const proxy = new KubernetesProxy({
    discovery: {
      getBaseUrl: async id => `http://backstage.test/api/${id}`,
    },
    auth: mockServices.auth({ pluginId: 'delivery' }),
    fetch: async (url, init) => {
      calls.push({
        url: String(url),
        headers: init?.headers as Record<string, string>,
      });
      return String(url).endsWith('/clusters')
        ? new Response(
            JSON.stringify({ items: [{ name: 'lab' }, { name: 'edge' }] }),
          )
        : new Response('{}');
    },
  });
  beforeEach(() => calls.splice(0));

  it("lists the kubernetes backend's clusters, the first being the default", async () => {
    expect(await proxy.clusterNames()).toEqual(['lab', 'edge']);
    expect(await proxy.defaultCluster()).toBe('lab');
    expect(calls[0].url).toBe('http://backstage.test/api/kubernetes/clusters');
  });

  it("reads through its proxy, naming the cluster, with delivery's service token and no cluster credential", async () => {
    await proxy.get('edge', '/apis/kro.run/v1alpha1/namespaces/a/webapps/b');
    expect(calls).toEqual([
      {
        url: 'http://backstage.test/api/kubernetes/proxy/apis/kro.run/v1alpha1/namespaces/a/webapps/b',
        headers: {
          Accept: 'application/json',
          'Backstage-Kubernetes-Cluster': 'edge',
          Authorization: expect.stringMatching(/^Bearer .*delivery/),
        },
      },
    ]);
    expect(calls[0].headers).not.toHaveProperty(
      'Backstage-Kubernetes-Authorization',
    );
  });
});
