import type { OpenStackSecurityGroup } from '@canopy-idp/plugin-openstack-common';
import { plural } from '../common/format';
import {
  HORIZON_PATHS,
  type KindColumns,
  Lines,
  nameColumn,
  nameOf,
  RefCell,
  refColumn,
  regionColumn,
  statusColumn,
} from './columnContext';
import { ResourceStatus } from './ResourceStatus';

export const networkColumns: KindColumns<'networks'> = ctx => [
  nameColumn(ctx, HORIZON_PATHS.network),
  statusColumn(),
  {
    title: 'Subnets',
    render: n => <Lines values={n.subnetIds.map(id => nameOf(ctx, id))} />,
  },
  {
    title: 'Properties',
    render: n =>
      [n.external && 'external', n.shared && 'shared']
        .filter(Boolean)
        .join(', '),
  },
  { title: 'MTU', field: 'mtu' },
  ...regionColumn<'networks'>(ctx),
];

export const subnetColumns: KindColumns<'subnets'> = ctx => [
  nameColumn(ctx, id => `/project/networks/subnets/${id}/detail`),
  { title: 'CIDR', field: 'cidr' },
  { title: 'Network', render: s => nameOf(ctx, s.networkId) },
  { title: 'Gateway', field: 'gatewayIp' },
  { title: 'DHCP', render: s => (s.enableDhcp ? 'on' : 'off') },
  {
    title: 'Allocation pools',
    render: s => (
      <Lines values={s.allocationPools.map(p => `${p.start} – ${p.end}`)} />
    ),
  },
  ...regionColumn<'subnets'>(ctx),
];

export const routerColumns: KindColumns<'routers'> = ctx => [
  nameColumn(ctx, id => `/project/routers/${id}/`),
  statusColumn(),
  refColumn(ctx, 'External network', 'network', r => ({
    id: r.externalNetworkId,
    name: r.externalNetworkName,
  })),
  ...regionColumn<'routers'>(ctx),
];

export const portColumns: KindColumns<'ports'> = ctx => [
  nameColumn(ctx, HORIZON_PATHS.port),
  statusColumn(),
  { title: 'Network', render: p => nameOf(ctx, p.networkId) },
  {
    title: 'Fixed IPs',
    render: p => <Lines values={p.fixedIps.map(ip => ip.ipAddress)} />,
  },
  {
    title: 'Attached to',
    render: p => (
      <RefCell
        ctx={ctx}
        kind="server"
        id={p.deviceOwner?.startsWith('compute:') ? p.deviceId : undefined}
        name={
          p.deviceOwner?.startsWith('compute:')
            ? undefined
            : [nameOf(ctx, p.deviceId), p.deviceOwner && `(${p.deviceOwner})`]
                .filter(Boolean)
                .join(' ')
        }
      />
    ),
  },
  { title: 'MAC address', field: 'macAddress' },
  ...regionColumn<'ports'>(ctx),
];

export const floatingIpColumns: KindColumns<'floatingIps'> = ctx => [
  { title: 'Address', field: 'floatingIpAddress', highlight: true },
  statusColumn(),
  { title: 'Fixed IP', field: 'fixedIpAddress' },
  {
    title: 'Attached to',
    // The server's port is seldom tagged: name the server by its id or,
    // without one, by its address; else name the port.
    render: f => {
      const server =
        f.serverId ??
        (f.fixedIpAddress && ctx.serverByAddress.get(f.fixedIpAddress)?.id);
      return server ? (
        <RefCell ctx={ctx} kind="server" id={server} />
      ) : (
        <RefCell ctx={ctx} kind="port" id={f.portId} />
      );
    },
  },
  refColumn(ctx, 'Pool', 'network', f => ({
    id: f.floatingNetworkId,
    name: f.floatingNetworkName,
  })),
  ...regionColumn<'floatingIps'>(ctx),
];

/** "3 rules (2 ingress, 1 egress)" */
export function describeRules(rules: OpenStackSecurityGroup['rules']) {
  const ingress = rules.filter(r => r.direction === 'ingress').length;
  return `${plural(rules.length, 'rule')} (${ingress} ingress, ${
    rules.length - ingress
  } egress)`;
}

export const securityGroupColumns: KindColumns<'securityGroups'> = ctx => [
  nameColumn(ctx, id => `/project/security_groups/${id}/`),
  { title: 'Description', field: 'description' },
  { title: 'Rules', render: g => describeRules(g.rules) },
  ...regionColumn<'securityGroups'>(ctx),
];

export const loadBalancerColumns: KindColumns<'loadBalancers'> = ctx => [
  nameColumn(ctx, id => `/project/load_balancer/${id}/`),
  { title: 'VIP', field: 'vipAddress' },
  {
    title: 'Provisioning',
    field: 'provisioningStatus',
    render: lb => <ResourceStatus status={lb.provisioningStatus} />,
  },
  {
    title: 'Operating',
    field: 'operatingStatus',
    render: lb => <ResourceStatus status={lb.operatingStatus} />,
  },
  {
    title: 'Listeners',
    render: lb => (
      <Lines
        values={lb.listeners.map(
          l => `${l.name || l.id} ${l.protocol}:${l.protocolPort}`,
        )}
      />
    ),
  },
  {
    title: 'Pools',
    render: lb => (
      <Lines
        values={lb.pools.map(
          p => `${p.name || p.id} (${p.protocol}, ${p.lbAlgorithm})`,
        )}
      />
    ),
  },
  {
    title: 'Members',
    // A member is an address; name the listed server holding it.
    render: lb => (
      <Lines
        values={lb.pools.flatMap(p =>
          p.members.map(m => {
            const server = ctx.serverByAddress.get(m.address);
            const where = ` ${m.address}:${m.protocolPort}${
              m.operatingStatus ? ` ${m.operatingStatus}` : ''
            }`;
            return server ? (
              <RefCell ctx={ctx} kind="server" id={server.id} suffix={where} />
            ) : (
              `${m.name || m.id}${where}`
            );
          }),
        )}
      />
    ),
  },
  ...regionColumn<'loadBalancers'>(ctx),
];
