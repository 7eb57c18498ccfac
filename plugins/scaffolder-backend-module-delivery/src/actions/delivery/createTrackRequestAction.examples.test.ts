/**
 * The track action against a loopback stand-in for Canopy's delivery
 * backend (`POST /api/delivery/requests`, DeliveryRequest JSON back). The
 * real backend is tested in plugins/delivery-backend.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { LoopbackServer } from '@canopy-idp/plugin-delivery-common/testUtils';
import yaml from 'yaml';
import { createTrackRequestAction } from './createTrackRequestAction';
import { examples } from './createTrackRequestAction.examples';

const PR = 'https://github.com/acme/infrastructure/pull/7';

// Not collectOutputs of @canopy-idp/plugin-scaffolder-node-test-utils: that
// package loads the validator, which keeps handles open past this small suite.
const collectOutputs = (ctx: { output: unknown }) =>
  Object.fromEntries((ctx.output as jest.Mock).mock.calls);

/** Values the template would supply for the examples' ${{ }} expressions. */
const SAMPLES: Record<string, unknown> = {
  '${{ steps.publish.output.remoteUrl }}': PR,
  '${{ steps.render.output.resources }}': [
    { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', name: 'blog' },
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      name: 'blog-dev',
    },
  ],
};
const fill = (value: unknown): unknown => {
  if (typeof value === 'string')
    return value in SAMPLES ? SAMPLES[value] : value;
  if (Array.isArray(value)) return value.map(fill);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, fill(v)]),
    );
  return value;
};

let answer: { status: number; body: unknown };
const seen: Array<{ method: string; url: string; auth?: string; body: any }> =
  [];
/** The stand-in for the delivery backend: records each call, answers `answer`. */
class DeliveryBackend extends LoopbackServer {
  async start() {
    await this.listen((req, res) => {
      let text = '';
      req.on('data', chunk => {
        text += chunk;
      });
      req.on('end', () => {
        seen.push({
          method: req.method!,
          url: req.url!,
          auth: req.headers.authorization,
          body: text ? JSON.parse(text) : undefined,
        });
        res.statusCode = answer.status;
        res.setHeader('content-type', 'application/json');
        // No idle keep-alive socket outlives the test.
        res.setHeader('connection', 'close');
        res.end(JSON.stringify(answer.body));
      });
    });
  }
}
const server = new DeliveryBackend();
beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => {
  seen.length = 0;
  answer = { status: 201, body: { id: 'req-1' } };
});

const action = () =>
  createTrackRequestAction({
    discovery: {
      getBaseUrl: async (id: string) => `${server.url}/api/${id}`,
    } as any,
    auth: mockServices.auth(),
  });

async function run(input: Record<string, unknown>, dryRun = false) {
  const logger = {
    info: jest.fn(),
    warn: jest.fn(),
    error: jest.fn(),
    debug: jest.fn(),
  };
  const ctx = Object.assign(
    createMockActionContext({
      input: input as any,
      logger: logger as any,
      templateInfo: { entityRef: 'template:default/openstack-network' } as any,
    }),
    { isDryRun: dryRun },
  );
  let error: Error | undefined;
  await action()
    .handler(ctx as any)
    .catch(e => {
      error = e;
    });
  return {
    outputs: collectOutputs(ctx),
    error,
    warnings: logger.warn.mock.calls.map(c => String(c[0])),
    infos: logger.info.mock.calls.map(c => String(c[0])),
  };
}

const base = {
  pullRequestUrl: PR,
  title: 'Add OpenStack network payments',
  entityRef: 'resource:default/payments',
};

/** A KRO instance, as `expected.kroInstances` names it. */
const kroInstance = (
  kind: string,
  name: string,
  fields: Record<string, unknown> = {},
) => ({ apiVersion: 'kro.run/v1alpha1', kind, name, ...fields });
const blog = kroInstance('WebApplication', 'blog');
/** The request, expecting one KRO instance. */
const expectingInstance = (instance: object) => ({
  ...base,
  expected: { kroInstances: [instance] },
});

describe('createTrackRequestAction', () => {
  it.each(examples.map(e => [e.description, e] as const))(
    'example: %s',
    async (_d, example) => {
      const step = yaml.parse(example.example).steps[0];
      const { outputs, error } = await run(fill(step.input) as any);
      expect(error).toBeUndefined();
      expect(outputs.requestId).toBe('req-1');
      expect(seen).toHaveLength(1);
    },
  );

  it("puts namespacePrefix before each of namespaces (a team's environments)", async () => {
    const { error } = await run(
      expectingInstance({
        ...blog,
        namespacePrefix: 'team-a-',
        namespaces: ['dev', 'test'],
      }),
    );
    expect(error).toBeUndefined();
    expect(seen[0].body.expected.kroInstances).toEqual([
      { ...blog, namespace: 'team-a-dev' },
      { ...blog, namespace: 'team-a-test' },
    ]);
  });

  it.each([
    [
      { namespace: 'dev', namespacePrefix: 'team-a-' },
      'namespacePrefix goes with namespaces',
    ],
    [
      { namespaces: ['dev'], namespacePrefix: 'team-a' },
      "namespacePrefix must begin a DNS-1123 label and end in '-'",
    ],
    [
      { namespaces: ['d'.repeat(60)], namespacePrefix: 'team-a-' },
      'namespacePrefix + namespaces[] must be at most 63 characters',
    ],
  ])('refuses %j before anything is recorded', async (where, message) => {
    const { error } = await run(expectingInstance({ ...blog, ...where }));
    expect(error?.message).toContain(message);
    expect(seen).toEqual([]);
  });

  it('records the request on behalf of the user who ran the task', async () => {
    const workspace = kroInstance('Workspace', 'team-a', {
      namespace: 'team-a',
    });
    const openstack = {
      cloud: 'lab',
      project: 'demo',
      region: 'RegionOne',
      entityRef: 'resource:default/payments',
      // The quota pre-flight's cost output, items and budget included.
      estimatedCost: {
        currency: 'EUR',
        hourly: 0.0134,
        monthly: 9.79,
        items: [],
        unpriced: [],
        source: {
          kind: 'priceList',
          detail: "the price list of cloud 'lab'",
          at: '2026-12-07T12:00:00.000Z',
        },
      },
    };
    const { outputs, error } = await run({
      ...base,
      expected: {
        pipeline: true,
        argoCdApplications: SAMPLES['${{ steps.render.output.resources }}'],
        kroInstances: [workspace],
        openstack,
      },
    });
    expect(error).toBeUndefined();
    expect(outputs).toEqual({ requestId: 'req-1' });
    expect(seen).toEqual([
      {
        method: 'POST',
        url: '/api/delivery/requests',
        auth: expect.stringMatching(/^Bearer .+/),
        body: {
          taskId: 'mock-task-id',
          templateRef: 'template:default/openstack-network',
          title: 'Add OpenStack network payments',
          entityRef: 'resource:default/payments',
          pullRequestUrl: PR,
          expected: {
            pipeline: true,
            argoCdApplications: [{ name: 'blog' }, { name: 'blog-dev' }],
            kroInstances: [workspace],
            openstack,
          },
        },
      },
    ]);
    // A token for the delivery plugin, on behalf of the user (the mock token spells both out).
    expect(seen[0].auth).toContain('delivery');
    expect(seen[0].auth).toContain('user:default/mock');
  });

  it('refuses an estimated cost the delivery contract does not allow, naming the field', async () => {
    const { error } = await run({
      ...base,
      expected: {
        openstack: {
          cloud: 'lab',
          project: 'demo',
          entityRef: 'resource:default/payments',
          estimatedCost: { currency: 'EUR', hourly: -1, monthly: 9.79 },
        },
      },
    });
    expect(error?.message).toMatch(/estimatedCost/);
    expect(seen).toEqual([]);
  });

  it('expands an instance given for several namespaces (the environments) into one per namespace', async () => {
    const { error } = await run(
      expectingInstance({ ...blog, namespaces: ['dev', 'test', 'acc'] }),
    );
    expect(error).toBeUndefined();
    expect(seen[0].body.expected.kroInstances).toEqual(
      ['dev', 'test', 'acc'].map(namespace => ({ ...blog, namespace })),
    );
    const both = await run(
      expectingInstance({ ...blog, namespace: 'dev', namespaces: ['test'] }),
    );
    expect(both.error?.message).toMatch(
      /give namespace, or namespaces for the same instance in each, not both/,
    );
  });

  it('makes no call in dry-run, or without a pull request URL', async () => {
    expect((await run(base, true)).outputs).toEqual({});
    const skipped = await run({ ...base, pullRequestUrl: '' });
    expect(skipped.outputs).toEqual({});
    expect(skipped.infos).toEqual([
      'No pull request URL (the pull request step opened none): nothing to track',
    ]);
    expect((await run({ ...base, pullRequestUrl: undefined })).outputs).toEqual(
      {},
    );
    expect(seen).toEqual([]);
  });

  it('warns and goes on when the delivery backend is not installed (404)', async () => {
    answer = {
      status: 404,
      body: { error: { name: 'NotFoundError', message: 'Not found' } },
    };
    const { outputs, error, warnings } = await run(base);
    expect(error).toBeUndefined();
    expect(outputs).toEqual({});
    expect(seen).toHaveLength(1);
    expect(warnings).toEqual([
      'The delivery backend is not installed (404 from /api/delivery): the request is not tracked',
    ]);
  });

  it("fails on any other error, naming the backend's message", async () => {
    // The error body every Backstage backend sends (its errorHandler).
    answer = {
      status: 400,
      body: {
        error: {
          name: 'InputError',
          message: 'pullRequestUrl is not a pull request of a configured host',
        },
        request: { method: 'POST', url: '/requests' },
        response: { statusCode: 400 },
      },
    };
    const { error } = await run(base);
    expect(error?.message).toBe(
      'The delivery backend did not record the request: 400 pullRequestUrl is not a pull request of a configured host',
    );
  });

  it.each([
    [
      {
        expected: {
          argoCdApplications: [
            {
              apiVersion: 'argoproj.io/v1alpha1',
              kind: 'ApplicationSet',
              name: 'x',
            },
          ],
        },
      },
      'expected.argoCdApplications.0.kind: kind must be Application (only Applications are tracked)',
    ],
    [
      {
        expected: {
          kroInstances: [kroInstance('Topic', 'x')],
        },
      },
      'expected.kroInstances.0: kroInstances[]: give namespace, or namespaces for the same instance in each, not both',
    ],
    [
      { entityRef: 'payments' },
      'entityRef: entityRef must look like kind:namespace/name',
    ],
    [
      { pullRequestUrl: 'ftp://x/y' },
      'pullRequestUrl: pullRequestUrl must be an http(s) URL',
    ],
  ])('refuses %j naming the field and the rule', async (bad, message) => {
    const { error } = await run({ ...base, ...bad });
    expect(error?.name).toBe('InputError');
    expect(error?.message).toContain(message);
    expect(seen).toEqual([]);
  });

  // Issue 21, item 7: bodies the backend's contract refuses were sent after
  // the pull request opened, and came back 400.
  const app = (name: string) => ({
    expected: { argoCdApplications: [{ name }] },
  });
  const kro = (fields: Record<string, string>) => ({
    expected: {
      kroInstances: [
        kroInstance('Topic', 'x', { namespace: 'team-a', ...fields }),
      ],
    },
  });
  it.each([
    [app('Web'), 'expected.argoCdApplications.0.name: must match pattern'],
    [app('.'), 'expected.argoCdApplications.0.name: must match pattern'],
    [app('a/b'), 'expected.argoCdApplications.0.name: must match pattern'],
    [
      kro({ plural: '1abc' }),
      'expected.kroInstances.0.plural: must match pattern',
    ],
    [
      kro({ kind: `T${'a'.repeat(63)}` }),
      'expected.kroInstances.0.kind: must match pattern',
    ],
    [{ title: 'x'.repeat(600) }, 'title: title must be at most 255 characters'],
  ])(
    'refuses what the delivery backend would refuse, before any call and in dry-run: %j',
    async (bad, message) => {
      for (const dryRun of [false, true]) {
        const { error } = await run({ ...base, ...bad }, dryRun);
        expect(error?.name).toBe('InputError');
        expect(error?.message).toContain(message);
      }
      expect(seen).toEqual([]);
    },
  );

  it('names the contract the body breaks', async () => {
    const { error } = await run({ ...base, ...app('Web') });
    expect(error?.message).toBe(
      'The delivery backend would refuse this request (its contract, CreateRequest): expected.argoCdApplications.0.name: must match pattern "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$"',
    );
  });
});
