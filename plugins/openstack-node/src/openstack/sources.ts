/**
 * What Canopy reads, and from which service: each resource kind, each
 * look-up and each quota set, with its reader. The names are those of
 * `@canopy-idp/plugin-openstack-common` (defined once, in the OpenAPI
 * document), so adding one there without a reader here does not compile.
 */
import type {
  OpenStackLookupItems,
  OpenStackLookupName,
  OpenStackQuota,
  OpenStackResourceKind,
  OpenStackResources,
  OpenStackServiceType,
} from '@canopy-idp/plugin-openstack-common';
import type { ListResult, RegionApi } from './api';
import { readVolumeQuota, readVolumes } from './blockStorage';
import {
  readAvailabilityZones,
  readComputeQuota,
  readFlavors,
  readKeyPairs,
  readServers,
} from './compute';
import { readImages } from './image';
import { readLoadBalancers } from './loadBalancer';
import {
  readExternalNetworks,
  readFloatingIps,
  readNetworkQuota,
  readNetworks,
  readPorts,
  readRouters,
  readSecurityGroups,
  readSubnets,
  readUsableNetworks,
} from './network';

type KindSources = {
  [K in OpenStackResourceKind]: {
    service: OpenStackServiceType;
    read: (
      api: RegionApi,
      tags: string[],
    ) => Promise<ListResult<OpenStackResources[K][number]>>;
  };
};

/** Each resource kind: the service that holds it and its tagged reader. */
export const KIND_SOURCES: KindSources = {
  servers: { service: 'compute', read: readServers },
  volumes: { service: 'volumev3', read: readVolumes },
  networks: { service: 'network', read: readNetworks },
  subnets: { service: 'network', read: readSubnets },
  routers: { service: 'network', read: readRouters },
  ports: { service: 'network', read: readPorts },
  floatingIps: { service: 'network', read: readFloatingIps },
  securityGroups: { service: 'network', read: readSecurityGroups },
  loadBalancers: { service: 'load-balancer', read: readLoadBalancers },
};

type LookupSources = {
  [L in OpenStackLookupName]: {
    service: OpenStackServiceType;
    read: (api: RegionApi) => Promise<ListResult<OpenStackLookupItems[L]>>;
  };
};

/** Each form look-up: its service and reader. */
export const LOOKUP_SOURCES: LookupSources = {
  flavors: { service: 'compute', read: readFlavors },
  images: { service: 'image', read: readImages },
  networks: { service: 'network', read: readUsableNetworks },
  'external-networks': { service: 'network', read: readExternalNetworks },
  'availability-zones': { service: 'compute', read: readAvailabilityZones },
  'key-pairs': { service: 'compute', read: readKeyPairs },
};

/** The quota sets of a project: which service holds each. */
export const QUOTA_SOURCES: Record<
  'compute' | 'network' | 'volume',
  {
    service: OpenStackServiceType;
    read: (api: RegionApi) => Promise<Record<string, OpenStackQuota>>;
  }
> = {
  compute: { service: 'compute', read: readComputeQuota },
  network: { service: 'network', read: readNetworkQuota },
  volume: { service: 'volumev3', read: readVolumeQuota },
};
