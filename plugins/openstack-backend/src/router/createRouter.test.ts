/**
 * The router against its OpenAPI document: requests go through
 * @backstage/backend-openapi-utils' validating proxy (wrapServer), which
 * checks every request and response against the spec, with the OpenStack
 * service reading the fake OpenStack (answers recorded from the test bed).
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { wrapServer } from '@backstage/backend-openapi-utils/testUtils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import dns from 'node:dns';
import express from 'express';
import request from 'supertest';
import { FakeOpenStack } from '../__testUtils__/fakeOpenStack';
import { readPluginOptions } from '../config/readPluginOptions';
import { OpenStackService } from '../service/OpenStackService';
import { createRouter } from './createRouter';

// The validating proxy (mockttp) forwards to `localhost`, and may ask the
// resolver for its IPv6 address; machines whose /etc/hosts names localhost
// for 127.0.0.1 only then fail with ENOTFOUND. Resolve it to loopback here.
const realLookup = dns.lookup;
beforeAll(() => {
  (dns as any).lookup = (hostname: string, options: any, callback: any) => {
    const cb = typeof options === 'function' ? options : callback;
    const opts = typeof options === 'function' ? {} : options ?? {};
    if (hostname === 'localhost') {
      if (opts.all) return cb(null, [{ address: '127.0.0.1', family: 4 }]);
      return cb(null, '127.0.0.1', 4);
    }
    return realLookup(hostname, opts, cb);
  };
});
afterAll(() => {
  (dns as any).lookup = realLookup;
});

async function app(options: { deny?: boolean } = {}) {
  const fake = new FakeOpenStack();
  const config = new ConfigReader({
    openstack: {
      clouds: [
        {
          name: 'lab',
          authUrl: 'http://keystone.test/v3',
          password: {
            username: 'demo',
            password: 'hunter2-secret',
            projectName: 'demo',
          },
        },
      ],
    },
  });
  const logger = mockServices.logger.mock();
  const service = new OpenStackService(readPluginOptions(config), {
    cache: CacheManager.fromConfig(
      new ConfigReader({ backend: { cache: { store: 'memory' } } }),
    ).forPlugin('openstack'),
    logger,
    httpFor: () => fake,
  });
  const router = await createRouter({
    service,
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.user(),
    }),
    permissions: mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(() => ({
          result: options.deny ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
        })),
    }),
    catalog: catalogServiceMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'payments',
            annotations: { 'openstack.canopy-idp.io/cloud': 'lab' },
          },
          spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
        },
      ],
    }),
  });
  const express_ = express();
  express_.use(router);
  express_.use(MiddlewareFactory.create({ config, logger }).error());
  return { server: await wrapServer(express_), fake };
}

describe('the OpenStack router, validated against openapi.yaml', () => {
  it("lists an entity's resources; kinds=volumes,networks works as documented", async () => {
    const { server } = await app();
    const res = await request(server).get(
      '/entities/component/default/payments/resources?kinds=volumes,networks&quotas=false',
    );
    expect(res.status).toBe(200);
    expect(res.body.resources.volumes.map((v: any) => v.name)).toEqual([
      'payments-data',
    ]);
    expect(res.body.resources.networks.map((n: any) => n.name)).toEqual([
      'payments-net',
    ]);
    expect(res.body.resources.servers).toEqual([]);
    expect(res.body.quotas).toEqual([]);
    // %2C still works.
    const encoded = await request(server).get(
      '/entities/component/default/payments/resources?kinds=volumes%2Cnetworks',
    );
    expect(encoded.status).toBe(200);
  });

  it('refuses an unknown kind, naming the allowed ones', async () => {
    const { server } = await app();
    const res = await request(server).get(
      '/entities/component/default/payments/resources?kinds=volumes,disks',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('unknown resource kind(s) disks');
  });

  it('serves every look-up and the quota headroom in the documented shape', async () => {
    const { server } = await app();
    for (const lookup of [
      'flavors',
      'images',
      'networks',
      'external-networks',
      'availability-zones',
      'key-pairs',
    ]) {
      const res = await request(server).get(
        `/clouds/lab/regions/RegionOne/lookups/${lookup}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.sources[0].status).toBe('ok');
    }
    const headroom = await request(server).get(
      '/clouds/lab/regions/RegionOne/quota-headroom',
    );
    expect(headroom.status).toBe(200);
    expect(headroom.body.headroom.region).toBe('RegionOne');
  });

  it('refuses an unknown look-up by the spec, and an unknown cloud with a 404 naming the configured ones', async () => {
    const { server } = await app();
    const bad = await request(server).get(
      '/clouds/lab/regions/RegionOne/lookups/disks',
    );
    expect(bad.status).toBe(400);
    const unknown = await request(server).get(
      '/clouds/nope/regions/RegionOne/lookups/flavors',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      "No OpenStack cloud named 'nope' is configured (configured: lab)",
    );
  });

  it('answers 403 to a user who may not read the resources', async () => {
    const { server } = await app({ deny: true });
    const res = await request(server).get(
      '/entities/component/default/payments/resources',
    );
    expect(res.status).toBe(403);
  });

  it('lists the clouds', async () => {
    const { server } = await app();
    const res = await request(server).get('/clouds');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [{ name: 'lab', regions: ['RegionOne'] }],
    });
  });
});
