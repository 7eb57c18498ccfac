import type { OpenStackServiceType } from '@canopy-idp/plugin-openstack-common';
import type { CloudConfig } from '../config/types';
import { ServiceUnavailableError } from '../http/errors';
import type { RegionApi } from '../openstack/api';
import type { KeystoneSession } from './KeystoneSession';
import { endpointOf, type KeystoneToken } from './token';

/** Catalog types tried, in order, for each service Canopy reads. */
export const SERVICE_CATALOG_TYPES: Record<OpenStackServiceType, string[]> = {
  identity: ['identity'],
  compute: ['compute'],
  network: ['network'],
  volumev3: ['volumev3', 'block-storage', 'volume'],
  'load-balancer': ['load-balancer'],
  image: ['image'],
  rating: ['rating'],
};

/** Version prefix each API expects below its catalog endpoint. */
const VERSION_PREFIX: Partial<Record<OpenStackServiceType, string>> = {
  network: '/v2.0',
  'load-balancer': '/v2',
  image: '/v2',
  rating: '/v1',
};

/** The base URL of a service in a region, from the token's catalog. */
export function serviceBase(
  cloud: CloudConfig,
  service: OpenStackServiceType,
  region: string,
) {
  return (token: KeystoneToken) => {
    const url = endpointOf(
      token,
      SERVICE_CATALOG_TYPES[service],
      region,
      cloud.interface,
    );
    if (!url) throw new ServiceUnavailableError(service, region);
    const prefix = VERSION_PREFIX[service];
    return prefix && !url.endsWith(prefix) ? `${url}${prefix}` : url;
  };
}

/** A {@link RegionApi} over a Keystone session. */
export function regionApi(options: {
  cloud: CloudConfig;
  session: KeystoneSession;
  region: string;
  projectId: string;
  pageSize: number;
  maxItems: number;
}): RegionApi {
  const { cloud, session, region, projectId, pageSize, maxItems } = options;
  return {
    region,
    projectId,
    pageSize,
    maxItems,
    async get(service, path, what, headers) {
      const res = await session.get(
        serviceBase(cloud, service, region),
        path,
        what,
        headers,
      );
      return res.body;
    },
  };
}
