import { MockFetchApi } from '@backstage/test-utils';
import { OpenStackClient } from './OpenStackClient';

describe('OpenStackClient', () => {
  const discoveryApi = {
    getBaseUrl: async (pluginId: string) =>
      `http://backstage.test/api/${pluginId}`,
  };

  it('calls the backend plugin found through discovery', async () => {
    const calls: string[] = [];
    const fetchApi = new MockFetchApi({
      baseImplementation: async (input: any) => {
        calls.push(String(input));
        return new Response(JSON.stringify({ status: 'ok', clouds: ['lab'] }), {
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    const client = new OpenStackClient({ discoveryApi, fetchApi });
    await expect(client.health()).resolves.toEqual({
      status: 'ok',
      clouds: ['lab'],
    });
    expect(calls).toEqual(['http://backstage.test/api/openstack/health']);
  });

  it('turns an error response into a ResponseError', async () => {
    const fetchApi = new MockFetchApi({
      baseImplementation: async () =>
        new Response(
          JSON.stringify({ error: { name: 'Error', message: 'boom' } }),
          { status: 503, statusText: 'Service Unavailable' },
        ),
    });
    const client = new OpenStackClient({ discoveryApi, fetchApi });
    await expect(client.health()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 503,
    });
  });
});
