/** Neutron answers as Canopy reads them, and their pure mappers. */
import type {
  OpenStackFloatingIp,
  OpenStackNetwork,
  OpenStackPort,
  OpenStackRouter,
  OpenStackSecurityGroup,
  OpenStackSubnet,
} from '@canopy-idp/plugin-openstack-common';

export interface RawNetwork {
  id: string;
  name: string;
  status: string;
  'router:external'?: boolean;
  shared?: boolean;
  subnets?: string[];
  mtu?: number;
  tags?: string[];
}

export interface RawSubnet {
  id: string;
  name: string;
  network_id: string;
  cidr: string;
  ip_version: number;
  gateway_ip?: string | null;
  enable_dhcp?: boolean;
  dns_nameservers?: string[];
  allocation_pools?: Array<{ start: string; end: string }>;
  tags?: string[];
}

export interface RawRouter {
  id: string;
  name: string;
  status: string;
  external_gateway_info?: { network_id?: string } | null;
  tags?: string[];
}

export interface RawPort {
  id: string;
  name: string;
  status: string;
  network_id: string;
  device_id?: string;
  device_owner?: string;
  mac_address?: string;
  fixed_ips?: Array<{ subnet_id: string; ip_address: string }>;
  tags?: string[];
}

export interface RawFloatingIp {
  id: string;
  status: string;
  floating_ip_address: string;
  fixed_ip_address?: string | null;
  floating_network_id: string;
  port_id?: string | null;
  /** Neutron's fip-port-details extension: the port the address points at. */
  port_details?: { device_id?: string; device_owner?: string } | null;
  tags?: string[];
}

export interface RawSecurityGroup {
  id: string;
  name: string;
  description?: string;
  security_group_rules?: Array<{
    id: string;
    direction: 'ingress' | 'egress';
    ethertype: string;
    protocol?: string | null;
    port_range_min?: number | null;
    port_range_max?: number | null;
    remote_ip_prefix?: string | null;
    remote_group_id?: string | null;
  }>;
  tags?: string[];
}

export function toNetwork(raw: RawNetwork, region: string): OpenStackNetwork {
  return {
    id: raw.id,
    name: raw.name,
    region,
    status: raw.status,
    external: Boolean(raw['router:external']),
    shared: Boolean(raw.shared),
    subnetIds: raw.subnets ?? [],
    mtu: raw.mtu,
    tags: raw.tags ?? [],
  };
}

export function toSubnet(raw: RawSubnet, region: string): OpenStackSubnet {
  return {
    id: raw.id,
    name: raw.name,
    region,
    networkId: raw.network_id,
    cidr: raw.cidr,
    ipVersion: raw.ip_version,
    gatewayIp: raw.gateway_ip ?? undefined,
    enableDhcp: Boolean(raw.enable_dhcp),
    dnsNameservers: raw.dns_nameservers ?? [],
    allocationPools: raw.allocation_pools ?? [],
    tags: raw.tags ?? [],
  };
}

export function toRouter(raw: RawRouter, region: string): OpenStackRouter {
  return {
    id: raw.id,
    name: raw.name,
    region,
    status: raw.status,
    externalNetworkId: raw.external_gateway_info?.network_id ?? undefined,
    tags: raw.tags ?? [],
  };
}

export function toPort(raw: RawPort, region: string): OpenStackPort {
  return {
    id: raw.id,
    name: raw.name,
    region,
    status: raw.status,
    networkId: raw.network_id,
    deviceId: raw.device_id || undefined,
    deviceOwner: raw.device_owner || undefined,
    macAddress: raw.mac_address,
    fixedIps: (raw.fixed_ips ?? []).map(f => ({
      subnetId: f.subnet_id,
      ipAddress: f.ip_address,
    })),
    tags: raw.tags ?? [],
  };
}

export function toFloatingIp(
  raw: RawFloatingIp,
  region: string,
): OpenStackFloatingIp {
  return {
    id: raw.id,
    region,
    status: raw.status,
    floatingIpAddress: raw.floating_ip_address,
    fixedIpAddress: raw.fixed_ip_address ?? undefined,
    floatingNetworkId: raw.floating_network_id,
    portId: raw.port_id ?? undefined,
    serverId: raw.port_details?.device_owner?.startsWith('compute:')
      ? raw.port_details.device_id || undefined
      : undefined,
    tags: raw.tags ?? [],
  };
}

export function toSecurityGroup(
  raw: RawSecurityGroup,
  region: string,
): OpenStackSecurityGroup {
  return {
    id: raw.id,
    name: raw.name,
    region,
    description: raw.description || undefined,
    rules: (raw.security_group_rules ?? []).map(x => ({
      id: x.id,
      direction: x.direction,
      ethertype: x.ethertype,
      protocol: x.protocol ?? undefined,
      portRangeMin: x.port_range_min ?? undefined,
      portRangeMax: x.port_range_max ?? undefined,
      remoteIpPrefix: x.remote_ip_prefix ?? undefined,
      remoteGroupId: x.remote_group_id ?? undefined,
    })),
    tags: raw.tags ?? [],
  };
}
