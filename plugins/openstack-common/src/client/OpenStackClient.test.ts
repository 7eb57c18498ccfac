import { entityResourcesOf } from '../testUtils';
import { OpenStackClient } from './OpenStackClient';
import { flavorOf } from '../testUtils';

/** A fetch API whose answers come from `baseImplementation`. */
class MockFetchApi {
  readonly fetch: typeof fetch;
  constructor(options: {
    baseImplementation: (input: any, init?: any) => Promise<Response>;
  }) {
    this.fetch = options.baseImplementation as typeof fetch;
  }
}

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

  const JSON_TYPE = { 'content-type': 'application/json' };

  /** A client whose backend answers every call with this error response. */
  const failingClient = (
    status: number,
    statusText: string,
    headers: Record<string, string>,
    body: unknown,
  ) =>
    new OpenStackClient({
      discoveryApi,
      fetchApi: new MockFetchApi({
        baseImplementation: async () =>
          new Response(JSON.stringify(body), { status, statusText, headers }),
      }),
    });

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
      items: [flavorOf('m1.small', 1, 2048, 20)],
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

  const entityResources = entityResourcesOf();

  it('reads the resources of an entity given as a compound reference', async () => {
    const { calls, fetchApi } = recordingFetch(entityResources);
    const client = new OpenStackClient({ discoveryApi, fetchApi });
    await expect(
      client.getEntityResources({
        kind: 'Component',
        namespace: 'default',
        name: 'payments',
      }),
    ).resolves.toEqual(entityResources);
    expect(calls).toEqual([
      'http://backstage.test/api/openstack/entities/Component/default/payments/resources',
    ]);
  });

  it('reads the resources of an entity given as a string, URL-encoding each part', async () => {
    const { calls, fetchApi } = recordingFetch(entityResources);
    const client = new OpenStackClient({ discoveryApi, fetchApi });
    await client.getEntityResources('component:default/payments');
    await client.getEntityResources('component:shop');
    await client.getEntityResources({
      kind: 'component',
      namespace: 'team a/b',
      name: 'web#1?x',
    });
    expect(calls).toEqual([
      'http://backstage.test/api/openstack/entities/component/default/payments/resources',
      'http://backstage.test/api/openstack/entities/component/default/shop/resources',
      'http://backstage.test/api/openstack/entities/component/team%20a%2Fb/web%231%3Fx/resources',
    ]);
  });

  it('asks for some kinds only, and for no quotas, when told', async () => {
    const { calls, fetchApi } = recordingFetch(entityResources);
    const client = new OpenStackClient({ discoveryApi, fetchApi });
    await client.getEntityResources('component:default/payments', {
      kinds: ['servers', 'volumes'],
      quotas: false,
    });
    await client.getEntityResources('component:default/payments', {
      kinds: [],
      quotas: true,
    });
    expect(calls).toEqual([
      'http://backstage.test/api/openstack/entities/component/default/payments/resources?kinds=servers%2Cvolumes&quotas=false',
      'http://backstage.test/api/openstack/entities/component/default/payments/resources?quotas=true',
    ]);
  });

  it('rejects a string reference without a kind before asking the backend', async () => {
    const { calls, fetchApi } = recordingFetch(entityResources);
    const client = new OpenStackClient({ discoveryApi, fetchApi });
    await expect(client.getEntityResources('payments')).rejects.toThrow(/kind/);
    expect(calls).toEqual([]);
  });

  it('turns a refusal into a ResponseError carrying the status', async () => {
    const client = failingClient(403, 'Forbidden', JSON_TYPE, {
      error: {
        name: 'NotAllowedError',
        message:
          'Not allowed to read the OpenStack resources of component:default/payments',
      },
      response: { statusCode: 403 },
    });
    await expect(
      client.getEntityResources('component:default/payments'),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      cause: { name: 'NotAllowedError' },
    });
  });

  it('keeps the backend error message of a failed look-up', async () => {
    const client = failingClient(404, 'Not Found', JSON_TYPE, {
      error: { name: 'NotFoundError', message: "Unknown cloud 'nope'" },
      request: {
        method: 'GET',
        url: '/api/openstack/clouds/nope/regions/RegionOne/lookups/images',
      },
      response: { statusCode: 404 },
    });
    await expect(
      client.lookup('nope', 'RegionOne', 'images'),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      cause: { name: 'NotFoundError', message: "Unknown cloud 'nope'" },
    });
  });

  it('turns an error response into a ResponseError', async () => {
    const boom = { error: { name: 'Error', message: 'boom' } };
    const client = failingClient(503, 'Service Unavailable', {}, boom);
    await expect(client.health()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 503,
    });
  });
});
