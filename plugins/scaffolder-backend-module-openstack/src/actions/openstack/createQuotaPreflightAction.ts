import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  describeQuotaViolations,
  OpenStackClient,
  OpenStackFlavor,
  OpenStackSourceStatus,
  quotaRequestFor,
  quotaViolations,
} from '@canopy-idp/plugin-openstack-common';
import { z } from 'zod/v3';
import { parseInput } from '@canopy-idp/plugin-scaffolder-node';
import { examples } from './createQuotaPreflightAction.examples';

const gib = z
  .number()
  .int('volume sizes are whole GiB')
  .min(0, 'volume sizes are 0 (none) or more GiB')
  .max(65536, 'volume sizes are at most 65536 GiB');

const schema = z.object({
  cloud: z.string().min(1, 'cloud must not be empty'),
  region: z.string().min(1, 'region must not be empty'),
  project: z.string().min(1).optional(),
  servers: z
    .array(
      z.object({
        flavor: z.string().min(1, 'flavor must not be empty'),
        count: z
          .number()
          .int()
          .min(1, 'count must be at least 1')
          .max(1000, 'count must be at most 1000')
          .default(1),
        volumesGiB: z.array(gib).max(20).default([]),
        floatingIp: z.boolean().default(false),
      }),
    )
    .max(20)
    .default([]),
  volumesGiB: z.array(gib).max(50).default([]),
  floatingIps: z.number().int().min(0).max(1000).default(0),
});

function failed(sources: OpenStackSourceStatus[]) {
  return sources
    .filter(s => s.status !== 'ok')
    .map(s => `${s.service} ${s.status}${s.message ? `: ${s.message}` : ''}`);
}

/**
 * `canopy:openstack:quota-preflight`: fails the task before anything is
 * published when the request does not fit in the project's remaining quota,
 * naming each limit and by how much it is exceeded. Reads flavors and quota
 * headroom from the OpenStack backend plugin on behalf of the user, so the
 * user's permissions apply and no OpenStack credential reaches the scaffolder.
 *
 * @public
 */
export function createQuotaPreflightAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  const { discovery, auth } = options;
  return createTemplateAction({
    id: 'canopy:openstack:quota-preflight',
    description:
      "Checks that servers (flavor x count, their volumes and floating IPs), volumes and floating IPs fit in the OpenStack project's remaining quota; fails naming each exceeded limit and by how much.",
    examples,
    supportsDryRun: true,
    schema: {
      input: () => schema,
      output: {
        ok: zod =>
          zod.boolean().describe('Always true: a failing check throws'),
        request: zod =>
          zod
            .record(zod.string(), zod.number())
            .describe('What the request takes from each quota'),
        remaining: zod =>
          zod
            .record(zod.string(), zod.number().nullable())
            .describe('Remaining quota per service.key (null: unlimited)'),
      },
    },
    async handler(ctx) {
      const input = parseInput(schema, ctx.input);
      const where = input.project
        ? `${input.cloud} / ${input.region} / ${input.project}`
        : `${input.cloud} / ${input.region}`;
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await ctx.getInitiatorCredentials(),
        targetPluginId: 'openstack',
      });
      // The OpenStack plugin's own client, asking on behalf of the user.
      const openstack = new OpenStackClient({
        discoveryApi: discovery,
        fetchApi: {
          fetch: (url, init) =>
            fetch(url, {
              ...init,
              headers: { ...init?.headers, Authorization: `Bearer ${token}` },
            }),
        },
      });
      const scope = { project: input.project };

      let flavors: OpenStackFlavor[] = [];
      if (input.servers.length) {
        const lookup = await openstack.lookup(
          input.cloud,
          input.region,
          'flavors',
          scope,
        );
        const problems = failed(lookup.sources);
        if (problems.length) {
          throw new Error(
            `Cannot read the flavors of ${where}: ${problems.join('; ')}`,
          );
        }
        flavors = lookup.items;
      }
      const servers = input.servers.map((s, i) => {
        const flavor = flavors.find(
          f => f.name === s.flavor || f.id === s.flavor,
        );
        if (!flavor) {
          throw new InputError(
            `servers.${i}.flavor: there is no flavor '${
              s.flavor
            }' in ${where} (available: ${
              flavors.map(f => f.name).join(', ') || 'none'
            })`,
          );
        }
        return { ...s, flavor };
      });
      const request = quotaRequestFor({
        servers,
        volumesGiB: input.volumesGiB,
        floatingIps: input.floatingIps,
      });

      const { headroom, sources } = await openstack.quotaHeadroom(
        input.cloud,
        input.region,
        scope,
      );
      const problems = failed(sources);
      if (problems.length) {
        throw new Error(
          `Cannot read the quotas of ${where}, so the request cannot be checked: ${problems.join(
            '; ',
          )}`,
        );
      }
      const violations = quotaViolations(request, headroom);
      const remaining: Record<string, number | null> = {};
      for (const service of ['compute', 'volume', 'network'] as const) {
        for (const [k, v] of Object.entries(headroom[service] ?? {})) {
          remaining[`${service}.${k}`] = v;
        }
      }
      ctx.logger.info(
        `Quota preflight in ${where}: ${Object.entries(request)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );
      if (violations.length) {
        throw new InputError(
          `The request exceeds the project's quota in ${where}: ${describeQuotaViolations(
            violations,
          )}`,
        );
      }
      ctx.output('ok', true);
      ctx.output('request', request);
      ctx.output('remaining', remaining);
    },
  });
}
