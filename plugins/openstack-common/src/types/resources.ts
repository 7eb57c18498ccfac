/* The OpenStack resources listed behind a catalog entity, as the plugin maps them. */

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
