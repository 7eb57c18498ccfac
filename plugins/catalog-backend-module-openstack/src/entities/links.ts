import type { OpenStackResources } from '@canopy-idp/plugin-openstack-common';
import { type EntityKind, resourceRef } from './names';

/**
 * The real links between one project's resources in one region, as entity
 * refs each resource depends on:
 * server → its volumes and the networks of its ports;
 * subnet → its network;
 * router → its external network and the subnets of its interfaces;
 * floating IP → the server (or load balancer) holding its port;
 * load balancer → its VIP subnet, its members' subnets and the servers whose
 * addresses its members are.
 */
export function dependsOn(
  resources: OpenStackResources,
): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  const add = (kind: EntityKind, id: string, ref: string) => {
    const from = resourceRef(kind, id);
    if (from === ref) return;
    const set = out.get(from) ?? new Set<string>();
    set.add(ref);
    out.set(from, set);
  };
  const serverByAddress = new Map<string, string>();
  for (const server of resources.servers) {
    for (const a of server.addresses) serverByAddress.set(a.address, server.id);
    for (const volume of server.volumeIds) {
      add('servers', server.id, resourceRef('volumes', volume));
    }
  }
  for (const volume of resources.volumes) {
    for (const a of volume.attachments) {
      add('servers', a.serverId, resourceRef('volumes', volume.id));
    }
  }
  const servers = new Set(resources.servers.map(s => s.id));
  const routers = new Set(resources.routers.map(r => r.id));
  const lbByPort = new Map(
    resources.loadBalancers
      .filter(lb => lb.vipPortId)
      .map(lb => [lb.vipPortId!, lb.id]),
  );
  const portDevice = new Map<string, string>();
  for (const port of resources.ports) {
    if (port.deviceId) portDevice.set(port.id, port.deviceId);
    if (port.deviceId && servers.has(port.deviceId)) {
      add('servers', port.deviceId, resourceRef('networks', port.networkId));
    }
    if (port.deviceId && routers.has(port.deviceId)) {
      for (const ip of port.fixedIps) {
        add('routers', port.deviceId, resourceRef('subnets', ip.subnetId));
      }
    }
  }
  for (const subnet of resources.subnets) {
    add('subnets', subnet.id, resourceRef('networks', subnet.networkId));
  }
  for (const router of resources.routers) {
    if (router.externalNetworkId) {
      add(
        'routers',
        router.id,
        resourceRef('networks', router.externalNetworkId),
      );
    }
  }
  for (const fip of resources.floatingIps) {
    const device = fip.portId ? portDevice.get(fip.portId) : undefined;
    const serverId =
      fip.serverId ?? (device && servers.has(device) ? device : undefined);
    if (serverId) add('floatingIps', fip.id, resourceRef('servers', serverId));
    const lb = fip.portId ? lbByPort.get(fip.portId) : undefined;
    if (lb) add('floatingIps', fip.id, resourceRef('loadBalancers', lb));
  }
  for (const lb of resources.loadBalancers) {
    if (lb.vipSubnetId) {
      add('loadBalancers', lb.id, resourceRef('subnets', lb.vipSubnetId));
    }
    for (const member of lb.pools.flatMap(p => p.members)) {
      if (member.subnetId) {
        add('loadBalancers', lb.id, resourceRef('subnets', member.subnetId));
      }
      const server = serverByAddress.get(member.address);
      if (server) add('loadBalancers', lb.id, resourceRef('servers', server));
    }
  }
  return new Map([...out].map(([k, v]) => [k, [...v].sort()]));
}
