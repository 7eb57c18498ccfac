import { z } from 'zod/v3';
import { attr, block, HclBodyItem } from '../hcl';
import {
  cidr,
  compareAddresses,
  dnsLabel,
  inCidr,
  ipAddress,
  parseCidr,
  port,
  text,
} from '@canopy-idp/plugin-scaffolder-node';
import { builderFor, commonInput } from './common';
import {
  checkUniqueAddresses,
  checkUniqueNames,
  identifier,
  ModuleBuilder,
  TerraformModule,
  TYPES,
} from './module';

export const securityRuleInput = z
  .object({
    direction: z.enum(['ingress', 'egress']).default('ingress'),
    protocol: z.enum(['tcp', 'udp', 'icmp', 'any']).default('tcp'),
    portMin: port().optional(),
    portMax: port().optional(),
    remoteCidr: cidr()
      .optional()
      .describe('Where traffic may come from (ingress) or go to (egress)'),
    description: text(255).optional(),
  })
  .refine(r => (r.portMin === undefined) === (r.portMax === undefined), {
    message: 'give both portMin and portMax, or neither',
  })
  .refine(
    r =>
      r.portMin === undefined ||
      r.portMax === undefined ||
      r.portMin <= r.portMax,
    {
      message: 'portMin must not be greater than portMax',
    },
  )
  .refine(
    r =>
      !(r.protocol === 'icmp' || r.protocol === 'any') ||
      r.portMin === undefined,
    {
      message: 'port ranges apply to tcp and udp only',
    },
  );

export const securityGroupInput = z.object({
  name: dnsLabel('security group name'),
  description: text(255).optional(),
  rules: z.array(securityRuleInput).max(100).default([]),
});

export const networkInput = z
  .object({
    ...commonInput,
    cidr: cidr().describe('Subnet range, e.g. 10.0.0.0/24'),
    gatewayIp: ipAddress().optional(),
    dnsNameservers: z.array(ipAddress()).max(5).default([]),
    allocationPools: z
      .array(z.object({ start: ipAddress(), end: ipAddress() }))
      .max(10)
      .default([]),
    externalNetwork: text(255, 1)
      .optional()
      .describe('External network (floating IP pool) the router connects to'),
    router: z
      .boolean()
      .optional()
      .describe('Create a router; default: when externalNetwork is set'),
    securityGroups: z.array(securityGroupInput).max(20).default([]),
  })
  .superRefine((v, ctx) => {
    const net = parseCidr(v.cidr);
    if (!net) return;
    const check = (address: string, path: Array<string | number>) => {
      if (!inCidr(address, v.cidr)) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `${address} is not inside cidr ${v.cidr}`,
        });
      }
    };
    if (v.gatewayIp) check(v.gatewayIp, ['gatewayIp']);
    const pools = v.allocationPools.map((p, i) => {
      check(p.start, ['allocationPools', i, 'start']);
      check(p.end, ['allocationPools', i, 'end']);
      return { ...p, i };
    });
    for (const p of pools) {
      if (
        inCidr(p.start, v.cidr) &&
        inCidr(p.end, v.cidr) &&
        compareAddresses(p.start, p.end) > 0
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['allocationPools', p.i],
          message: 'start must not be after end',
        });
      }
    }
    const sorted = pools
      .filter(p => inCidr(p.start, v.cidr) && inCidr(p.end, v.cidr))
      .sort((a, b) => compareAddresses(a.start, b.start));
    for (let i = 1; i < sorted.length; i++) {
      if (compareAddresses(sorted[i].start, sorted[i - 1].end) <= 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['allocationPools', sorted[i].i],
          message: `overlaps allocation pool ${sorted[i - 1].i}`,
        });
      }
    }
    if (v.gatewayIp) {
      for (const p of sorted) {
        if (
          compareAddresses(v.gatewayIp, p.start) >= 0 &&
          compareAddresses(v.gatewayIp, p.end) <= 0
        ) {
          ctx.addIssue({
            code: 'custom',
            path: ['gatewayIp'],
            message: `is inside allocation pool ${p.i}`,
          });
        }
      }
    }
    if (
      checkUniqueNames(
        ctx,
        'securityGroups',
        v.securityGroups,
        'security group',
      )
    ) {
      checkUniqueAddresses(
        ctx,
        v.securityGroups.map((g, i) => ({
          address: `openstack_networking_secgroup_v2.${identifier(g.name)}`,
          path: ['securityGroups', i, 'name'],
          what: `security group '${g.name}'`,
        })),
      );
    }
    if (v.router && !v.externalNetwork) {
      ctx.addIssue({
        code: 'custom',
        path: ['router'],
        message: 'a router needs externalNetwork',
      });
    }
  });

export type NetworkInput = z.output<typeof networkInput>;

/** Security groups and their rules, into an existing builder. */
export function addSecurityGroups(
  m: ModuleBuilder,
  groups: Array<z.output<typeof securityGroupInput>>,
) {
  const ids: Record<string, ReturnType<ModuleBuilder['resource']>> = {};
  for (const g of groups) {
    const id = identifier(g.name);
    ids[g.name] = m.resource('openstack_networking_secgroup_v2', id, [
      attr('name', g.name),
      attr('description', g.description ?? `Managed by Canopy for ${g.name}`),
      attr('tags', m.tags),
    ]);
    g.rules.forEach((r, i) => {
      const v6 = r.remoteCidr
        ? parseCidr(r.remoteCidr)?.[0].kind() === 'ipv6'
        : false;
      m.resource('openstack_networking_secgroup_rule_v2', `${id}_${i + 1}`, [
        attr('direction', r.direction),
        attr('ethertype', v6 ? 'IPv6' : 'IPv4'),
        attr('protocol', r.protocol === 'any' ? undefined : r.protocol),
        attr('port_range_min', r.portMin),
        attr('port_range_max', r.portMax),
        attr('remote_ip_prefix', r.remoteCidr),
        attr('description', r.description),
        attr('security_group_id', ids[g.name]('id')),
      ]);
    });
  }
  return ids;
}

/** Network, subnet and (optionally) router with its external gateway, into a builder. */
export function addNetworkStack(
  m: ModuleBuilder,
  v: Omit<NetworkInput, 'securityGroups'>,
) {
  const family = parseCidr(v.cidr)![0].kind();
  const network = m.resource('openstack_networking_network_v2', 'main', [
    attr('name', v.name),
    attr('admin_state_up', true),
    attr('tags', m.tags),
  ]);
  const pools: HclBodyItem[] = v.allocationPools.map(p =>
    block('allocation_pool', [], [attr('start', p.start), attr('end', p.end)]),
  );
  const subnet = m.resource('openstack_networking_subnet_v2', 'main', [
    attr('name', `${v.name}-subnet`),
    attr('network_id', network('id')),
    attr('cidr', v.cidr),
    attr('ip_version', family === 'ipv6' ? 6 : 4),
    attr('gateway_ip', v.gatewayIp),
    attr(
      'dns_nameservers',
      v.dnsNameservers.length ? v.dnsNameservers : undefined,
    ),
    attr('tags', m.tags),
    pools,
  ]);
  let router;
  if (v.externalNetwork && v.router !== false) {
    const external = m.variable(
      'external_network',
      TYPES.string,
      'External network the router connects to (floating IP pool).',
      v.externalNetwork,
    );
    const ext = m.data('openstack_networking_network_v2', 'external', [
      attr('name', external),
      attr('external', true),
    ]);
    router = m.resource('openstack_networking_router_v2', 'main', [
      attr('name', `${v.name}-router`),
      attr('admin_state_up', true),
      attr('external_network_id', ext('id')),
      attr('tags', m.tags),
    ]);
    m.resource('openstack_networking_router_interface_v2', 'main', [
      attr('router_id', router('id')),
      attr('subnet_id', subnet('id')),
    ]);
    m.output('router_id', router('id'), 'Router id.');
  }
  m.output('network_id', network('id'), 'Network id.');
  m.output('subnet_id', subnet('id'), 'Subnet id.');
  return { network, subnet, router };
}

export function renderNetwork(v: NetworkInput): TerraformModule {
  const m = builderFor(v);
  addNetworkStack(m, v);
  const groups = addSecurityGroups(m, v.securityGroups);
  if (v.securityGroups.length) {
    const ids: Record<string, ReturnType<(typeof groups)[string]>> = {};
    for (const [name, r] of Object.entries(groups)) ids[name] = r('id');
    m.output('security_group_ids', ids, 'Security group ids by name.');
  }
  return m.build();
}
