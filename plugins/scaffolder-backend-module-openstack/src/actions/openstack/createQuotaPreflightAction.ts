import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  describeBudgetOverrun,
  describeCostEstimate,
  describeQuotaViolations,
  type OpenStackCostRequest,
  OpenStackClient,
  OpenStackFlavor,
  OpenStackSourceStatus,
  quotaRequestFor,
  quotaViolations,
  withFlavors,
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
  volumeType: z
    .string()
    .min(1, 'volumeType must not be empty')
    .optional()
    .describe('Volume type of every volume, for its price'),
  loadBalancers: z.number().int().min(0).max(100).default(0),
  networks: z
    .number()
    .int()
    .min(0)
    .max(100)
    .default(0)
    .describe(
      'Networks (with their subnets), for the price only: their quota is not checked',
    ),
  routers: z
    .number()
    .int()
    .min(0)
    .max(100)
    .default(0)
    .describe('Routers, for the price only: their quota is not checked'),
  allowBudgetOverride: z
    .boolean()
    .default(false)
    .describe(
      "Whether a request over the project's monthly budget may go ahead with budgetOverrideReason",
    ),
  budgetOverrideReason: z
    .string()
    .max(500, 'budgetOverrideReason must be at most 500 characters')
    .optional(),
  costFile: z
    .string()
    .regex(/\.json$/, 'costFile must name a .json file')
    .optional()
    .describe(
      'Where in the workspace to write the estimate as JSON (e.g. openstack/NAME/canopy-cost.json), so it goes into the pull request',
    ),
});

/** What the cost estimate prices: the same servers, volumes and addresses. */
function costRequestOf(input: z.infer<typeof schema>): OpenStackCostRequest {
  const type = input.volumeType ? { type: input.volumeType } : {};
  return {
    servers: input.servers.map(s => ({
      flavor: s.flavor,
      count: s.count,
      volumes: s.volumesGiB.map(sizeGiB => ({ sizeGiB, ...type })),
      floatingIp: s.floatingIp,
    })),
    volumes: input.volumesGiB.map(sizeGiB => ({ sizeGiB, ...type })),
    floatingIps: input.floatingIps,
    loadBalancers: input.loadBalancers,
    ...(input.networks ? { networks: input.networks } : {}),
    ...(input.routers ? { routers: input.routers } : {}),
    ...(input.budgetOverrideReason?.trim()
      ? { overrideReason: input.budgetOverrideReason }
      : {}),
  };
}

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
      "Checks that servers (flavor x count, their volumes and floating IPs), volumes and floating IPs fit in the OpenStack project's remaining quota and monthly budget, and prices them; fails naming each exceeded limit or the budget and by how much.",
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
        cost: zod =>
          zod
            .record(zod.string(), zod.unknown())
            .describe(
              "The request's cost estimate (OpenStack API's CostEstimate): items, totals, source and budget",
            ),
        costSummary: zod =>
          zod
            .string()
            .describe('The estimate as Markdown, for the pull request'),
      },
    },
    async handler(ctx) {
      const input = parseInput(schema, ctx.input);
      if (input.budgetOverrideReason?.trim() && !input.allowBudgetOverride) {
        throw new InputError(
          'budgetOverrideReason: this template does not allow a budget override (allowBudgetOverride is false)',
        );
      }
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
      const servers = withFlavors(input.servers, flavors, where);
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
      const cost = await openstack.estimateCost(
        input.cloud,
        input.region,
        costRequestOf(input),
        scope,
      );
      const overrun = describeBudgetOverrun(cost, input.project ?? where);
      if (overrun && !cost.budget?.overridden) {
        throw new InputError(
          `The request exceeds the monthly budget in ${where}: ${overrun}; rule: openstack.clouds[${
            input.cloud
          }].projects[].monthlyBudget${
            input.allowBudgetOverride
              ? ' (this template allows an override: give budgetOverrideReason)'
              : ''
          }`,
        );
      }
      let costSummary = describeCostEstimate(cost);
      if (overrun) {
        ctx.logger.warn(`Budget overridden in ${where}: ${overrun}`);
        costSummary += `\n\nBudget override reason: ${input.budgetOverrideReason}`;
      }
      if (input.costFile) {
        const file = resolveSafeChildPath(ctx.workspacePath, input.costFile);
        await fs.mkdir(path.dirname(file), { recursive: true });
        await fs.writeFile(
          file,
          `${JSON.stringify(
            {
              ...cost,
              ...(overrun
                ? { budgetOverrideReason: input.budgetOverrideReason }
                : {}),
            },
            null,
            2,
          )}\n`,
        );
      }
      ctx.output('ok', true);
      ctx.output('request', request);
      ctx.output('remaining', remaining);
      ctx.output('cost', cost);
      ctx.output('costSummary', costSummary);
    },
  });
}
