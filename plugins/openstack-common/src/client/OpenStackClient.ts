import {
  parseEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  OpenStackEntityResources,
  OpenStackLookup,
  OpenStackLookupItems,
  OpenStackLookupName,
  OpenStackQuotaHeadroomResponse,
} from '../types';
import type {
  OpenStackApi,
  OpenStackEntityResourcesOptions,
  OpenStackLookupOptions,
} from './OpenStackApi';

/**
 * The one client of the OpenStack backend plugin's HTTP API. In the browser
 * give it Backstage's discovery and fetch APIs (requests then carry the
 * signed-in user's credentials); in a backend plugin, the discovery service
 * and a fetch that adds a token for the plugin.
 *
 * @public
 */
export class OpenStackClient implements OpenStackApi {
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

  async health() {
    return this.get<Awaited<ReturnType<OpenStackApi['health']>>>('/health');
  }

  async listClouds() {
    return this.get<Awaited<ReturnType<OpenStackApi['listClouds']>>>('/clouds');
  }

  async lookup<TLookup extends OpenStackLookupName>(
    cloud: string,
    region: string,
    lookup: TLookup,
    options?: OpenStackLookupOptions,
  ) {
    return this.get<OpenStackLookup<OpenStackLookupItems[TLookup]>>(
      `${regionPath(cloud, region)}/lookups/${encodeURIComponent(
        lookup,
      )}${projectQuery(options)}`,
    );
  }

  async quotaHeadroom(
    cloud: string,
    region: string,
    options?: OpenStackLookupOptions,
  ) {
    return this.get<OpenStackQuotaHeadroomResponse>(
      `${regionPath(cloud, region)}/quota-headroom${projectQuery(options)}`,
    );
  }

  async getEntityResources(
    entityRef: CompoundEntityRef | string,
    options?: OpenStackEntityResourcesOptions,
  ) {
    const { kind, namespace, name } =
      typeof entityRef === 'string' ? parseEntityRef(entityRef) : entityRef;
    const query = new URLSearchParams();
    if (options?.kinds?.length) {
      query.set('kinds', options.kinds.join(','));
    }
    if (options?.quotas !== undefined) {
      query.set('quotas', String(options.quotas));
    }
    const search = query.toString() ? `?${query}` : '';
    return this.get<OpenStackEntityResources>(
      `/entities/${[kind, namespace, name]
        .map(encodeURIComponent)
        .join('/')}/resources${search}`,
    );
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('openstack');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function regionPath(cloud: string, region: string) {
  return `/clouds/${encodeURIComponent(cloud)}/regions/${encodeURIComponent(
    region,
  )}`;
}

function projectQuery(options?: OpenStackLookupOptions) {
  return options?.project
    ? `?${new URLSearchParams({ project: options.project })}`
    : '';
}
