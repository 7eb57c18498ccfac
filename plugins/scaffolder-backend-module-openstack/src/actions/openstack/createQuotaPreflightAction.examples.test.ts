/**
 * The preflight against a loopback stand-in for Canopy's OpenStack backend
 * plugin (GET .../lookups/flavors and .../quota-headroom, same JSON shapes).
 * The chain against the real plugin and the real OpenStack test bed is tested
 * in packages/backend/e2e-tests/templates.test.ts.
 */
import { mockServices } from '@backstage/backend-test-utils';
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

const flavors = [
  { id: 'f1', name: 'm1.small', vcpus: 1, ramMiB: 2048, diskGiB: 20 },
];
let headroom: Record<string, Record<string, number | null>>;
let quotaStatus = 'ok';
const seen: Array<{ url: string; auth?: string }> = [];
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url!, auth: req.headers.authorization });
    res.setHeader('content-type', 'application/json');
    const path = req.url!.split('?')[0];
    if (
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
});

const action = () =>
  createQuotaPreflightAction({
    discovery: {
      getBaseUrl: async (id: string) => `${baseUrl}/api/${id}`,
    } as any,
    auth: mockServices.auth(),
  });

async function run(input: Record<string, unknown>, dryRun = false) {
  const ctx = Object.assign(createMockActionContext({ input: input as any }), {
    isDryRun: dryRun,
  });
  await action().handler(ctx as any);
  return collectOutputs(ctx);
}

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

  it('passes on the backend error for an unknown cloud', async () => {
    await expect(
      run({ cloud: 'nope', region: 'RegionOne', volumesGiB: [10] }),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 404 });
  });
});
