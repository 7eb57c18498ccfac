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

  const recordingFetch = (body: unknown) => {
    const calls: string[] = [];
    const fetchApi = new MockFetchApi({
      baseImplementation: async (input: any) => {
        calls.push(String(input));
        return new Response(JSON.stringify(body), {
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    return { calls, fetchApi };
  };

  it('lists the configured clouds', async () => {
    const clouds = {
      items: [{ name: 'lab', regions: ['RegionOne', 'RegionTwo'] }],
    };
    const { calls, fetchApi } = recordingFetch(clouds);
    const client = new OpenStackClient({ discoveryApi, fetchApi });
    await expect(client.listClouds()).resolves.toEqual(clouds);
    expect(calls).toEqual(['http://backstage.test/api/openstack/clouds']);
  });

  it('runs a look-up in one cloud and region, URL-encoding the path and the project', async () => {
    const answer = {
      items: [
        {
          id: 'f1',
          name: 'm1.small',
          vcpus: 1,
          ramMiB: 2048,
          diskGiB: 20,
          ephemeralGiB: 0,
          isPublic: true,
        },
      ],
      truncated: false,
      sources: [],
    };
    const { calls, fetchApi } = recordingFetch(answer);
    const client = new OpenStackClient({ discoveryApi, fetchApi });
    await expect(client.lookup('lab', 'RegionOne', 'flavors')).resolves.toEqual(
      answer,
    );
    await client.lookup('my cloud/1', 'Region #2', 'external-networks', {
      project: 'team a&b',
    });
    expect(calls).toEqual([
      'http://backstage.test/api/openstack/clouds/lab/regions/RegionOne/lookups/flavors',
      'http://backstage.test/api/openstack/clouds/my%20cloud%2F1/regions/Region%20%232/lookups/external-networks?project=team+a%26b',
    ]);
  });

  it('reads the quota headroom of one cloud and region', async () => {
    const answer = {
      headroom: {
        region: 'RegionOne',
        compute: { instances: 3, cores: 8, ram: 16384 },
        network: { floatingip: null },
        volume: { volumes: 10, gigabytes: 500 },
        usage: { region: 'RegionOne' },
      },
      sources: [],
    };
    const { calls, fetchApi } = recordingFetch(answer);
    const client = new OpenStackClient({ discoveryApi, fetchApi });
    await expect(client.quotaHeadroom('lab', 'RegionOne')).resolves.toEqual(
      answer,
    );
    await client.quotaHeadroom('lab', 'RegionOne', { project: 'demo' });
    expect(calls).toEqual([
      'http://backstage.test/api/openstack/clouds/lab/regions/RegionOne/quota-headroom',
      'http://backstage.test/api/openstack/clouds/lab/regions/RegionOne/quota-headroom?project=demo',
    ]);
  });

  it('keeps the backend error message of a failed look-up', async () => {
    const fetchApi = new MockFetchApi({
      baseImplementation: async () =>
        new Response(
          JSON.stringify({
            error: { name: 'NotFoundError', message: "Unknown cloud 'nope'" },
            request: {
              method: 'GET',
              url: '/api/openstack/clouds/nope/regions/RegionOne/lookups/images',
            },
            response: { statusCode: 404 },
          }),
          {
            status: 404,
            statusText: 'Not Found',
            headers: { 'content-type': 'application/json' },
          },
        ),
    });
    const client = new OpenStackClient({ discoveryApi, fetchApi });
    await expect(
      client.lookup('nope', 'RegionOne', 'images'),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      cause: { name: 'NotFoundError', message: "Unknown cloud 'nope'" },
    });
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
