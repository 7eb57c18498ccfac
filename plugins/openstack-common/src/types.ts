import { spec } from './schema/openapi.generated';

/**
 * Answer of `GET /api/openstack/health`.
 *
 * @public
 */
export type OpenStackHealth = {
  status: 'ok';
};

/**
 * The kinds of OpenStack resources listed behind a catalog entity (from the
 * OpenAPI document's `ResourceKind`).
 *
 * @public
 */
export const OPENSTACK_RESOURCE_KINDS =
  spec.components.schemas.ResourceKind.enum;

/** @public */
export type OpenStackResourceKind = (typeof OPENSTACK_RESOURCE_KINDS)[number];

/**
 * The live look-ups for template forms (from the OpenAPI document's
 * `LookupName`).
 *
 * @public
 */
export const OPENSTACK_LOOKUP_NAMES = spec.components.schemas.LookupName.enum;

/** @public */
export type OpenStackLookupName = (typeof OPENSTACK_LOOKUP_NAMES)[number];

/**
 * OpenStack service types Canopy reads from, as named in the Keystone catalog
 * (from the OpenAPI document's `ServiceType`).
 *
 * @public
 */
export const OPENSTACK_SERVICE_TYPES = spec.components.schemas.ServiceType.enum;

/** @public */
export type OpenStackServiceType = (typeof OPENSTACK_SERVICE_TYPES)[number];

/**
 * Outcome of reading one (cloud, region, service) source. A failing source
 * never fails the whole response: its data is missing and this says why.
 *
 * @public
 */
export type OpenStackSourceStatus = {
  cloud: string;
  region: string;
  service: OpenStackServiceType;
  /**
   * ok: answered; error: answered with an error or refused the connection;
   * timeout: did not answer in time; unavailable: not in the service catalog;
   * forbidden: the credential may not read it.
   */
  status: 'ok' | 'error' | 'timeout' | 'unavailable' | 'forbidden';
  /** Why the source failed; never contains tokens or secrets. */
  message?: string;
  /** Resource kinds (or `quotas`, or a look-up name) this source provides. */
  kinds: string[];
  durationMs: number;
  /** Whether the answer came from Canopy's cache. */
  cached?: boolean;
  /** The source failed and its last good answer is served instead. */
  stale?: boolean;
  /** How old a stale answer is. */
  ageSeconds?: number;
};

/** @public */
export type OpenStackServer = {
  id: string;
  name: string;
  region: string;
  status: string;
  flavor: {
    id?: string;
    name?: string;
    vcpus?: number;
    ramMiB?: number;
    diskGiB?: number;
  };
  image?: { id: string };
  addresses: Array<{
    network: string;
    address: string;
    type?: string;
    version: number;
  }>;
  availabilityZone?: string;
  keyName?: string;
  tags: string[];
  created?: string;
  /** Ids of the volumes attached to the server. */
  volumeIds: string[];
};

/** @public */
export type OpenStackVolume = {
  id: string;
  name: string;
  region: string;
  status: string;
  sizeGiB: number;
  volumeType?: string;
  bootable: boolean;
  availabilityZone?: string;
  attachments: Array<{ serverId: string; device?: string }>;
  metadata: Record<string, string>;
};

/** @public */
export type OpenStackNetwork = {
  id: string;
  name: string;
  region: string;
  status: string;
  external: boolean;
  shared: boolean;
  subnetIds: string[];
  mtu?: number;
  tags: string[];
};

/** @public */
export type OpenStackSubnet = {
  id: string;
  name: string;
  region: string;
  networkId: string;
  cidr: string;
  ipVersion: number;
  gatewayIp?: string;
  enableDhcp: boolean;
  dnsNameservers: string[];
  allocationPools: Array<{ start: string; end: string }>;
  tags: string[];
};

/** @public */
export type OpenStackRouter = {
  id: string;
  name: string;
  region: string;
  status: string;
  externalNetworkId?: string;
  /** Name of the external network, when the backend could read it. */
  externalNetworkName?: string;
  tags: string[];
};

/** @public */
export type OpenStackPort = {
  id: string;
  name: string;
  region: string;
  status: string;
  networkId: string;
  deviceId?: string;
  deviceOwner?: string;
  macAddress?: string;
  fixedIps: Array<{ subnetId: string; ipAddress: string }>;
  tags: string[];
};

/** @public */
export type OpenStackFloatingIp = {
  id: string;
  region: string;
  status: string;
  floatingIpAddress: string;
  fixedIpAddress?: string;
  floatingNetworkId: string;
  /** Name of the floating IP pool, when the backend could read it. */
  floatingNetworkName?: string;
  portId?: string;
  /** The server whose port holds the address, when it is a server's. */
  serverId?: string;
  tags: string[];
};

/** @public */
export type OpenStackSecurityGroupRule = {
  id: string;
  direction: 'ingress' | 'egress';
  ethertype: string;
  protocol?: string;
  portRangeMin?: number;
  portRangeMax?: number;
  remoteIpPrefix?: string;
  remoteGroupId?: string;
};

/** @public */
export type OpenStackSecurityGroup = {
  id: string;
  name: string;
  region: string;
  description?: string;
  rules: OpenStackSecurityGroupRule[];
  tags: string[];
};

/** @public */
export type OpenStackLoadBalancer = {
  id: string;
  name: string;
  region: string;
  vipAddress?: string;
  vipSubnetId?: string;
  vipPortId?: string;
  provisioningStatus: string;
  operatingStatus: string;
  listeners: Array<{
    id: string;
    name: string;
    protocol: string;
    protocolPort: number;
  }>;
  pools: Array<{
    id: string;
    name: string;
    protocol: string;
    lbAlgorithm: string;
    listenerIds: string[];
    members: Array<{
      id: string;
      name?: string;
      address: string;
      protocolPort: number;
      subnetId?: string;
      operatingStatus?: string;
    }>;
  }>;
  tags: string[];
};

/**
 * Resources of each kind, as the plugin lists them.
 *
 * @public
 */
export type OpenStackResources = {
  servers: OpenStackServer[];
  volumes: OpenStackVolume[];
  networks: OpenStackNetwork[];
  subnets: OpenStackSubnet[];
  routers: OpenStackRouter[];
  ports: OpenStackPort[];
  floatingIps: OpenStackFloatingIp[];
  securityGroups: OpenStackSecurityGroup[];
  loadBalancers: OpenStackLoadBalancer[];
};

/**
 * One quota: the limit (-1 for unlimited) and what is used or reserved.
 *
 * @public
 */
export type OpenStackQuota = {
  limit: number;
  inUse: number;
  reserved: number;
};

/**
 * The project's quota usage in one region, per service.
 *
 * @public
 */
export type OpenStackQuotaUsage = {
  region: string;
  compute?: Record<string, OpenStackQuota>;
  network?: Record<string, OpenStackQuota>;
  volume?: Record<string, OpenStackQuota>;
};

/**
 * Answer of `GET /api/openstack/entities/{kind}/{namespace}/{name}/resources`.
 *
 * @public
 */
export type OpenStackEntityResources = {
  entityRef: string;
  cloud: string;
  project: string;
  regions: string[];
  /** Every tag a resource must carry to be listed (volumes: as metadata). */
  tags: string[];
  resources: OpenStackResources;
  quotas: OpenStackQuotaUsage[];
  /** Kinds whose list stopped at the configured cap (`openstack.maxItemsPerKind`). */
  truncated: OpenStackResourceKind[];
  sources: OpenStackSourceStatus[];
  /** Horizon base URL for deep links, when configured. */
  horizonUrl?: string;
};

/**
 * A configured cloud as the browser may see it.
 *
 * @public
 */
export type OpenStackCloudSummary = {
  name: string;
  regions: string[];
  /** The cloud's mapped projects the user owns (`name` is what `project` options take). */
  projects: Array<{ name: string }>;
  horizonUrl?: string;
};

/** @public */
export type OpenStackFlavor = {
  id: string;
  name: string;
  vcpus: number;
  ramMiB: number;
  diskGiB: number;
  ephemeralGiB: number;
  isPublic: boolean;
};

/** @public */
export type OpenStackImage = {
  id: string;
  name: string;
  status: string;
  visibility: string;
  diskFormat?: string;
  minDiskGiB: number;
  minRamMiB: number;
  sizeBytes?: number;
};

/** @public */
export type OpenStackAvailabilityZone = {
  name: string;
  available: boolean;
};

/** @public */
export type OpenStackKeyPair = {
  name: string;
  type?: string;
  fingerprint?: string;
};

/**
 * What is left of each quota: limit - inUse - reserved, or null when unlimited.
 *
 * @public
 */
export type OpenStackQuotaHeadroom = {
  region: string;
  compute: Record<string, number | null>;
  network: Record<string, number | null>;
  volume: Record<string, number | null>;
  usage: OpenStackQuotaUsage;
};

/**
 * The item type of each look-up.
 *
 * @public
 */
export type OpenStackLookupItems = {
  flavors: OpenStackFlavor;
  images: OpenStackImage;
  networks: OpenStackNetwork;
  'external-networks': OpenStackNetwork;
  'availability-zones': OpenStackAvailabilityZone;
  'key-pairs': OpenStackKeyPair;
};

/**
 * Answer of every look-up: the items and the status of the sources read.
 *
 * @public
 */
export type OpenStackLookup<T> = {
  items: T[];
  truncated: boolean;
  sources: OpenStackSourceStatus[];
};

/**
 * Answer of `GET /clouds/{cloud}/regions/{region}/quota-headroom`.
 *
 * @public
 */
export type OpenStackQuotaHeadroomResponse = {
  headroom: OpenStackQuotaHeadroom;
  sources: OpenStackSourceStatus[];
};
