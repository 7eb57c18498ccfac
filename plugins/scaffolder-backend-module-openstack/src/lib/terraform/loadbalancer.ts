import { z } from 'zod/v3';
import { attr } from '../hcl';
import {
  dnsLabel,
  ipAddress,
  port,
  text,
} from '@canopy-idp/plugin-scaffolder-node';
import { builderFor, commonInput } from './common';
import {
  checkUniqueAddresses,
  identifier,
  TerraformModule,
  TYPES,
} from './module';

const LISTENER_POOL: Record<string, string[]> = {
  HTTP: ['HTTP', 'PROXY'],
  HTTPS: ['HTTPS', 'PROXY', 'TCP'],
  TCP: ['TCP', 'PROXY', 'HTTP', 'HTTPS'],
  UDP: ['UDP'],
};

export const loadBalancerInput = z
  .object({
    ...commonInput,
    subnet: text(255, 1).describe('Name of the subnet the VIP is taken from'),
    vipAddress: ipAddress().optional(),
    listener: z.object({
      protocol: z.enum(['HTTP', 'HTTPS', 'TCP', 'UDP']).default('HTTP'),
      port: port(),
    }),
    pool: z
      .object({
        protocol: z
          .enum(['HTTP', 'HTTPS', 'TCP', 'UDP', 'PROXY'])
          .optional()
          .describe('Default: the listener protocol'),
        method: z
          .enum(['ROUND_ROBIN', 'LEAST_CONNECTIONS', 'SOURCE_IP'])
          .default('ROUND_ROBIN'),
      })
      .default({ method: 'ROUND_ROBIN' }),
    members: z
      .array(
        z.object({
          name: dnsLabel('member name').optional(),
          address: ipAddress(),
          port: port(),
        }),
      )
      .max(100)
      .default([]),
    healthMonitor: z
      .object({
        type: z.enum(['HTTP', 'HTTPS', 'TCP', 'PING', 'UDP-CONNECT']),
        delay: z.number().int().min(1).max(3600),
        timeout: z.number().int().min(1).max(3600),
        maxRetries: z
          .number()
          .int()
          .min(1, 'maxRetries is 1-10')
          .max(10, 'maxRetries is 1-10')
          .default(3),
        urlPath: z
          .string()
          .regex(
            /^\/[\x21-\x7e]*$/,
            'urlPath must start with / and contain only visible ASCII',
          )
          .optional(),
        expectedCodes: z
          .string()
          .regex(
            /^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/,
            'expectedCodes looks like 200, 200-204 or 200,202',
          )
          .optional(),
      })
      .refine(h => h.timeout <= h.delay, {
        message: 'timeout must not be greater than delay',
        path: ['timeout'],
      })
      .refine(
        h =>
          h.type === 'HTTP' ||
          h.type === 'HTTPS' ||
          (h.urlPath === undefined && h.expectedCodes === undefined),
        {
          message:
            'urlPath and expectedCodes apply to HTTP and HTTPS monitors only',
          path: ['urlPath'],
        },
      )
      .optional(),
    floatingIpPool: text(255, 1)
      .optional()
      .describe('External network for a floating IP on the VIP'),
  })
  .superRefine((v, ctx) => {
    const poolProtocol = v.pool.protocol ?? v.listener.protocol;
    if (!LISTENER_POOL[v.listener.protocol].includes(poolProtocol)) {
      ctx.addIssue({
        code: 'custom',
        path: ['pool', 'protocol'],
        message: `a ${
          v.listener.protocol
        } listener cannot use a ${poolProtocol} pool (allowed: ${LISTENER_POOL[
          v.listener.protocol
        ].join(', ')})`,
      });
    }
    const seen = new Set<string>();
    v.members.forEach((mem, i) => {
      const key = `${mem.address}:${mem.port}`;
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['members', i],
          message: `member ${key} is listed twice`,
        });
      seen.add(key);
    });
    checkUniqueAddresses(
      ctx,
      v.members.map((mem, i) => ({
        address: `openstack_lb_member_v2.${memberAddress(mem, i)}`,
        path: mem.name ? ['members', i, 'name'] : ['members', i],
        what: mem.name
          ? `member '${mem.name}'`
          : `the unnamed member ${i + 1} (${mem.address}:${mem.port})`,
      })),
    );
  });
export type LoadBalancerInput = z.output<typeof loadBalancerInput>;

/** A member's resource name: its own name, or member_<position> when it has none. */
function memberAddress(mem: { name?: string }, i: number) {
  return mem.name ? identifier(mem.name) : `member_${i + 1}`;
}

export function renderLoadBalancer(v: LoadBalancerInput): TerraformModule {
  const m = builderFor(v);
  const subnetName = m.variable(
    'vip_subnet',
    TYPES.string,
    'Subnet the VIP is taken from.',
    v.subnet,
  );
  const subnet = m.data('openstack_networking_subnet_v2', 'vip', [
    attr('name', subnetName),
  ]);
  const lb = m.resource('openstack_lb_loadbalancer_v2', 'main', [
    attr('name', v.name),
    attr('vip_subnet_id', subnet('id')),
    attr('vip_address', v.vipAddress),
    attr('tags', m.tags),
  ]);
  const listener = m.resource('openstack_lb_listener_v2', 'main', [
    attr(
      'name',
      `${v.name}-${v.listener.protocol.toLowerCase()}-${v.listener.port}`,
    ),
    attr('protocol', v.listener.protocol),
    attr('protocol_port', v.listener.port),
    attr('loadbalancer_id', lb('id')),
    attr('tags', m.tags),
  ]);
  const pool = m.resource('openstack_lb_pool_v2', 'main', [
    attr('name', `${v.name}-pool`),
    attr('protocol', v.pool.protocol ?? v.listener.protocol),
    attr('lb_method', v.pool.method),
    attr('listener_id', listener('id')),
  ]);
  v.members.forEach((mem, i) => {
    m.resource('openstack_lb_member_v2', memberAddress(mem, i), [
      attr('name', mem.name),
      attr('address', mem.address),
      attr('protocol_port', mem.port),
      attr('subnet_id', subnet('id')),
      attr('pool_id', pool('id')),
      attr('tags', m.tags),
    ]);
  });
  if (v.healthMonitor) {
    const h = v.healthMonitor;
    m.resource('openstack_lb_monitor_v2', 'main', [
      attr('name', `${v.name}-monitor`),
      attr('pool_id', pool('id')),
      attr('type', h.type),
      attr('delay', h.delay),
      attr('timeout', h.timeout),
      attr('max_retries', h.maxRetries),
      attr('url_path', h.urlPath),
      attr('expected_codes', h.expectedCodes),
    ]);
  }
  if (v.floatingIpPool) {
    const poolName = m.variable(
      'floating_ip_pool',
      TYPES.string,
      'External network the VIP floating IP comes from.',
      v.floatingIpPool,
    );
    const fip = m.resource('openstack_networking_floatingip_v2', 'vip', [
      attr('pool', poolName),
      attr('tags', m.tags),
    ]);
    m.resource('openstack_networking_floatingip_associate_v2', 'vip', [
      attr('floating_ip', fip('address')),
      attr('port_id', lb('vip_port_id')),
    ]);
    m.output(
      'floating_ip',
      fip('address'),
      'Public address of the load balancer.',
    );
  }
  m.output(
    'vip_address',
    lb('vip_address'),
    'Address of the load balancer on its subnet.',
  );
  m.output('loadbalancer_id', lb('id'), 'Load balancer id.');
  return m.build();
}
