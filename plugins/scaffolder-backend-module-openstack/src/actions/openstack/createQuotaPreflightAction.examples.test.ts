/**
 * The preflight against a loopback stand-in for Canopy's OpenStack backend
 * plugin (GET .../lookups/flavors and .../quota-headroom, POST
 * .../cost-estimate, same JSON shapes).
 * The chain against the real plugin and the real OpenStack test bed is tested
 * in packages/backend/e2e-tests/templates.test.ts.
 */
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import type {
  OpenStackCostBudget,
  OpenStackCostEstimate,
  OpenStackCostRequest,
} from '@canopy-idp/plugin-openstack-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import yaml from 'yaml';
import {
  collectOutputs,
  exampleCases,
} from '@canopy-idp/plugin-scaffolder-node-test-utils';
import { createQuotaPreflightAction } from './createQuotaPreflightAction';
import { examples } from './createQuotaPreflightAction.examples';

const mockDirectory = createMockDirectory();

const flavors = [
  { id: 'f1', name: 'm1.small', vcpus: 1, ramMiB: 2048, diskGiB: 20 },
];
let headroom: Record<string, Record<string, number | null>>;
let quotaStatus = 'ok';
let budget: OpenStackCostBudget | undefined;
const seen: Array<{ url: string; auth?: string; body?: unknown }> = [];

/** The plugin's answer: 10 EUR a month a server, with the test's budget. */
function estimateOf(request: OpenStackCostRequest): OpenStackCostEstimate {
  const servers = (request.servers ?? []).reduce((n, s) => n + s.count, 0);
  return {
    currency: 'EUR',
    hourly: (servers * 10) / 730,
    monthly: servers * 10,
    items: servers
      ? [
          {
            kind: 'server',
            label: 'server m1.small',
            quantity: servers,
            unit: 'server-hour',
            unitPrice: 10 / 730,
            hourly: (servers * 10) / 730,
            monthly: servers * 10,
          },
        ]
      : [],
    unpriced: [],
    source: {
      kind: 'priceList',
      detail: "the price list of cloud 'lab'",
      at: '2026-12-07T12:00:00.000Z',
    },
    ...(budget
      ? {
          budget: {
            ...budget,
            overridden:
              budget.exceededBy > 0 && Boolean(request.overrideReason),
          },
        }
      : {}),
  };
}
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    seen.push({
      url: req.url!,
      auth: req.headers.authorization,
      ...(body ? { body: JSON.parse(body) } : {}),
    });
    res.setHeader('content-type', 'application/json');
    const path = req.url!.split('?')[0];
    if (path === '/api/openstack/clouds/lab/regions/RegionOne/cost-estimate') {
      res.end(JSON.stringify(estimateOf(JSON.parse(body))));
    } else if (
      path === '/api/openstack/clouds/lab/regions/RegionOne/lookups/flavors'
    ) {
      res.end(
        JSON.stringify({ items: flavors, truncated: false, sources: [] }),
      );
    } else if (
      path === '/api/openstack/clouds/lab/regions/RegionOne/quota-headroom'
    ) {
      res.end(
        JSON.stringify({
          headroom: { region: 'RegionOne', ...headroom, usage: {} },
          sources: [
            {
              cloud: 'lab',
              region: 'RegionOne',
              service: 'compute',
              status: quotaStatus,
              message: quotaStatus === 'ok' ? undefined : 'did not answer',
              kinds: ['quotas'],
              durationMs: 1,
            },
          ],
        }),
      );
    } else {
      res.statusCode = 404;
      res.end(
        JSON.stringify({ error: { name: 'NotFoundError', message: 'no' } }),
      );
    }
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise(r => server.close(r)));
beforeEach(() => {
  headroom = {
    compute: { instances: 10, cores: 20, ram: 51200 },
    volume: { volumes: 10, gigabytes: 1000 },
    network: { floatingip: 10 },
  };
  quotaStatus = 'ok';
  budget = undefined;
});

const action = () =>
  createQuotaPreflightAction({
    discovery: {
      getBaseUrl: async (id: string) => `${baseUrl}/api/${id}`,
    } as any,
    auth: mockServices.auth(),
  });

async function run(
  input: Record<string, unknown>,
  dryRun = false,
  workspacePath?: string,
) {
  const ctx = Object.assign(
    createMockActionContext({
      input: input as any,
      ...(workspacePath ? { workspacePath } : {}),
    }),
    { isDryRun: dryRun },
  );
  await action().handler(ctx as any);
  return collectOutputs(ctx);
}

const OVER_BUDGET: OpenStackCostBudget = {
  monthly: 50,
  runRate: 40,
  afterRequest: 70,
  exceededBy: 20,
  overridden: false,
};
const TWO_SERVERS = {
  cloud: 'lab',
  region: 'RegionOne',
  project: 'demo',
  servers: [{ flavor: 'm1.small', count: 2, volumesGiB: [20] }],
};

describe('createQuotaPreflightAction', () => {
  it.each(exampleCases(examples))('example: %s', async (_d, example) => {
    const out = await run(yaml.parse(example.example).steps[0].input);
    expect(out.ok).toBe(true);
  });

  it('adds up what the servers take, also in dry-run, and calls the plugin with a token on behalf of the user', async () => {
    // The first example: two m1.small servers with 20 + 50 GiB and floating IPs.
    const out = await run(yaml.parse(examples[0].example).steps[0].input, true);
    expect(out.request).toEqual({
      instances: 2,
      cores: 2,
      ramMiB: 4096,
      volumes: 4,
      gigabytes: 140,
      floatingIps: 2,
    });
    expect(out.remaining).toMatchObject({ 'compute.instances': 10 });
    expect(seen.at(-1)?.auth).toMatch(/^Bearer /);
  });

  it('fails naming each exceeded limit and by how much', async () => {
    headroom.compute = { instances: 1, cores: 1, ram: 4096 };
    headroom.volume = { volumes: 10, gigabytes: 30 };
    await expect(
      run({
        cloud: 'lab',
        region: 'RegionOne',
        servers: [{ flavor: 'm1.small', count: 3, volumesGiB: [20] }],
      }),
    ).rejects.toThrow(
      "The request exceeds the project's quota in lab / RegionOne: compute.instances: asks for 3, 1 left (over by 2); compute.cores: asks for 3, 1 left (over by 2); compute.ram: asks for 6144 MiB, 4096 MiB left (over by 2048 MiB); volume.gigabytes: asks for 60 GiB, 30 GiB left (over by 30 GiB)",
    );
  });

  it('rejects a flavor the cloud does not have, listing those it has', async () => {
    await expect(
      run({
        cloud: 'lab',
        region: 'RegionOne',
        servers: [{ flavor: 'm1.huge' }],
      }),
    ).rejects.toThrow(
      "servers.0.flavor: there is no flavor 'm1.huge' in lab / RegionOne (available: m1.small)",
    );
  });

  it('does not pass a request it could not check', async () => {
    quotaStatus = 'timeout';
    await expect(
      run({ cloud: 'lab', region: 'RegionOne', volumesGiB: [10] }),
    ).rejects.toThrow(
      'Cannot read the quotas of lab / RegionOne, so the request cannot be checked: compute timeout: did not answer',
    );
  });

  it('prices the same request, records the estimate for the pull request and writes it to costFile', async () => {
    const workspace = mockDirectory.path;
    const out = await run(
      {
        ...TWO_SERVERS,
        volumeType: 'ssd',
        costFile: 'openstack/web/canopy-cost.json',
      },
      false,
      workspace,
    );
    expect(
      seen.filter(s => s.url.includes('cost-estimate')).at(-1),
    ).toMatchObject({
      url: '/api/openstack/clouds/lab/regions/RegionOne/cost-estimate?project=demo',
      auth: expect.stringMatching(/^Bearer /),
      body: {
        servers: [
          {
            flavor: 'm1.small',
            count: 2,
            volumes: [{ sizeGiB: 20, type: 'ssd' }],
            floatingIp: false,
          },
        ],
        volumes: [],
        floatingIps: 0,
        loadBalancers: 0,
      },
    });
    expect(out.cost).toMatchObject({ currency: 'EUR', monthly: 20 });
    expect(out.costSummary).toContain(
      '**Estimated cost:** 20.00 EUR a month (0.0274 EUR an hour)',
    );
    expect(
      JSON.parse(
        mockDirectory.content({ path: 'openstack/web' })?.[
          'canopy-cost.json'
        ] as string,
      ),
    ).toEqual(out.cost);
  });

  it("refuses a request over the project's monthly budget, naming it and by how much", async () => {
    budget = OVER_BUDGET;
    await expect(run(TWO_SERVERS)).rejects.toThrow(
      'The request exceeds the monthly budget in lab / RegionOne / demo: project demo has a monthly budget of 50.00 EUR: its resources cost 40.00 EUR a month now, this request adds 20.00 EUR, 70.00 EUR in all (over by 20.00 EUR); rule: openstack.clouds[lab].projects[].monthlyBudget',
    );
  });

  it('lets a template that allows it go over the budget with a reason, which goes into the pull request', async () => {
    budget = OVER_BUDGET;
    await expect(
      run({ ...TWO_SERVERS, budgetOverrideReason: 'launch week' }),
    ).rejects.toThrow(
      'budgetOverrideReason: this template does not allow a budget override (allowBudgetOverride is false)',
    );
    await expect(
      run({ ...TWO_SERVERS, allowBudgetOverride: true }),
    ).rejects.toThrow(
      '(this template allows an override: give budgetOverrideReason)',
    );
    const out = await run({
      ...TWO_SERVERS,
      allowBudgetOverride: true,
      budgetOverrideReason: 'launch week',
    });
    expect(out.cost).toMatchObject({ budget: { overridden: true } });
    expect(out.costSummary).toContain('(over by 20.00 EUR, overridden)');
    expect(out.costSummary).toContain('Budget override reason: launch week');
  });

  it('writes the cost file only inside the workspace', async () => {
    await expect(
      run(
        { ...TWO_SERVERS, costFile: '../outside.json' },
        false,
        mockDirectory.path,
      ),
    ).rejects.toThrow(/outside/i);
  });

  it('passes on the backend error for an unknown cloud', async () => {
    await expect(
      run({ cloud: 'nope', region: 'RegionOne', volumesGiB: [10] }),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 404 });
  });
});
