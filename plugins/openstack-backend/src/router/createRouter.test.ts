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
import express from 'express';
import request from 'supertest';
import { OPENSTACK_LOOKUP_NAMES } from '@canopy-idp/plugin-openstack-common';
import {
  FakeOpenStack,
  fakeCloudConfig,
  useLoopbackLocalhost,
} from '@canopy-idp/plugin-openstack-node/testUtils';
import {
  readPluginOptions,
  OpenStackService,
  OwnershipResolver,
} from '@canopy-idp/plugin-openstack-node';
import { TenancyGuard } from '../tenancy/TenancyGuard';
import { createRouter } from './createRouter';

useLoopbackLocalhost();

const component = (
  name: string,
  owner: string,
  annotations: Record<string, string> = {},
) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'openstack.canopy-idp.io/cloud': 'lab', ...annotations },
  },
  spec: { type: 'service', owner, lifecycle: 'production' },
});

const group = (name: string, parent?: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
  relations: parent
    ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
    : [],
});

/** Who each test user is: their ownership refs, as sign-in would give them. */
const USERS: Record<string, string[]> = {
  'user:default/alice': ['user:default/alice', 'group:default/team-a'],
  'user:default/bob': ['user:default/bob', 'group:default/team-b'],
};
const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});

async function app(options: { deny?: boolean } = {}) {
  const fake = new FakeOpenStack();
  const config = new ConfigReader({
    openstack: {
      clouds: [
        fakeCloudConfig({
          pricing: {
            currency: 'EUR',
            prices: { vcpuHour: 0.02, ramGiBHour: 0.01, volumeGiBMonth: 0.1 },
          },
          projects: [
            {
              name: 'demo',
              owners: ['group:default/team-a'],
              claimableTags: ['app=payments-*'],
            },
            { name: 'team-b', owners: ['group:default/team-b'] },
          ],
        }),
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
  const catalog = catalogServiceMock({
    entities: [
      group('team-a'),
      group('team-a-web', 'team-a'),
      group('team-b'),
      component('payments', 'team-a', {
        'openstack.canopy-idp.io/project': 'demo',
      }),
      // Owned through a child group of the project's owner.
      component('payments-web', 'team-a-web', {
        'openstack.canopy-idp.io/project': 'demo',
        'openstack.canopy-idp.io/tags': 'app=payments-web',
      }),
      component('orders', 'team-b', {
        'openstack.canopy-idp.io/project': 'team-b',
      }),
      // Confused deputies: another team's tag, another team's project.
      component('evil-tag', 'team-b', {
        'openstack.canopy-idp.io/project': 'demo',
        'openstack.canopy-idp.io/tags':
          'canopy.entity=component.default.payments',
      }),
      component('sly-tag', 'team-a', {
        'openstack.canopy-idp.io/project': 'demo',
        'openstack.canopy-idp.io/tags':
          'canopy.entity=component.default.payments',
      }),
      component('evil-project', 'team-a', {
        'openstack.canopy-idp.io/project': 'team-b',
      }),
      component('unmapped', 'team-a', {
        'openstack.canopy-idp.io/project': 'admin',
      }),
    ],
  });
  const guard = new TenancyGuard(
    service.projects,
    new OwnershipResolver({
      catalog,
      auth: mockServices.auth(),
      userInfo: {
        getUserInfo: async credentials => {
          const user = (credentials.principal as { userEntityRef: string })
            .userEntityRef;
          return {
            userEntityRef: user,
            ownershipEntityRefs: USERS[user] ?? [user],
          };
        },
      },
    }),
  );
  const router = await createRouter({
    service,
    guard,
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.user('user:default/alice'),
    }),
    permissions: mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(() => ({
          result: options.deny ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
        })),
    }),
    catalog,
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

  it('serves every look-up and the quota headroom in the documented shape', async () => {
    const { server } = await app();
    for (const lookup of OPENSTACK_LOOKUP_NAMES) {
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

  it('prices a request in the documented shape, and refuses a body the spec does not allow', async () => {
    const { server } = await app();
    const estimate = await request(server)
      .post('/clouds/lab/regions/RegionOne/cost-estimate?project=demo')
      .send({ servers: [{ flavor: 'm1.small', count: 3 }] });
    expect(estimate.status).toBe(200);
    // m1.small: 1 vCPU × 0.02 + 2 GiB × 0.01 = 0.04 an hour, × 3 × 730.
    expect(estimate.body).toMatchObject({ currency: 'EUR', monthly: 87.6 });
    const bad = await request(server)
      .post('/clouds/lab/regions/RegionOne/cost-estimate')
      .send({ servers: [{ flavor: 'm1.small', count: -1 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/servers\/0\/count must be >= 0/);
    const other = await request(server)
      .post('/clouds/lab/regions/RegionOne/cost-estimate?project=team-b')
      .send({});
    expect(other.status).toBe(403);
  });

  it("gives the run-rate of a whole project the user owns, and refuses another team's", async () => {
    const { server } = await app();
    const mine = await request(server).get('/clouds/lab/run-rate?project=demo');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      cloud: 'lab',
      project: 'demo',
      runRate: {
        currency: 'EUR',
        // This price list has neither: named, left out of the totals.
        unpriced: [
          'floating IP in RegionOne: the price list has no floatingIpHour',
          'load balancer in RegionOne: the price list has no loadBalancerHour',
        ],
      },
    });
    expect(mine.body.sources.length).toBeGreaterThan(0);
    const other = await request(server).get(
      '/clouds/lab/run-rate?project=team-b',
    );
    expect(other.status).toBe(403);
    expect(other.body.error.message).toMatch(
      /is not an owner of project 'team-b' in cloud 'lab'; rule: /,
    );
  });

  it.each<[string, { deny?: boolean }, string, number, string | RegExp]>([
    [
      'an unknown kind, naming the allowed ones',
      {},
      '/entities/component/default/payments/resources?kinds=volumes,disks',
      400,
      'unknown resource kind(s) disks',
    ],
    [
      'an unknown look-up by the spec',
      {},
      '/clouds/lab/regions/RegionOne/lookups/disks',
      400,
      'request/params/lookup must be equal to one of the allowed values',
    ],
    [
      'an unknown cloud with a 404 naming the configured ones',
      {},
      '/clouds/nope/regions/RegionOne/lookups/flavors',
      404,
      /^No OpenStack cloud named 'nope' is configured \(configured: lab\)$/,
    ],
    [
      'a user who may not read the resources with a 403',
      { deny: true },
      '/entities/component/default/payments/resources',
      403,
      'Not allowed to read the OpenStack resources of component:default/payments',
    ],
  ])('refuses %s', async (_, options, path, status, message) => {
    const { server } = await app(options);
    const res = await request(server).get(path);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
  });

  it('lists only the clouds and projects the user owns; /health names nothing', async () => {
    const { server } = await app();
    const alice = await request(server).get('/clouds');
    expect(alice.status).toBe(200);
    expect(alice.body).toEqual({
      items: [
        { name: 'lab', regions: ['RegionOne'], projects: [{ name: 'demo' }] },
      ],
    });
    const carol = await request(server)
      .get('/clouds')
      .set(as('user:default/carol'));
    expect(carol.body).toEqual({ items: [] });
    const health = await request(server).get('/health');
    expect(health.body).toEqual({ status: 'ok' });
  });
});

describe('tenancy: each team reaches only the projects it owns', () => {
  const resources = (name: string) =>
    `/entities/component/default/${name}/resources`;

  it("lists an entity's resources when its owner, or a group above it, owns the project", async () => {
    const { server } = await app();
    expect((await request(server).get(resources('payments'))).status).toBe(200);
    const web = await request(server).get(resources('payments-web'));
    expect(web.status).toBe(200);
    expect(web.body.tags).toEqual(['app=payments-web']);
  });

  it.each([
    [
      'evil-tag',
      "component:default/evil-tag: its owner group:default/team-b is not an owner of project 'demo' in cloud 'lab'; rule: an entity's resources are listed only when the entity's owner, or a group above it (childOf), is an owner of the project",
    ],
    [
      'sly-tag',
      "component:default/sly-tag may not claim the tag 'canopy.entity=component.default.payments' in project 'demo' of cloud 'lab' (its own is 'canopy.entity=component.default.sly-tag'); rule: an entity claims only its own entity tag and the tags its project's claimableTags allow",
    ],
    [
      'evil-project',
      "component:default/evil-project: its owner group:default/team-a is not an owner of project 'team-b' in cloud 'lab'; rule: an entity's resources are listed only when the entity's owner, or a group above it (childOf), is an owner of the project",
    ],
    [
      'unmapped',
      "component:default/unmapped: project 'admin' of cloud 'lab' is not mapped to any owner; rule: Canopy reads only the projects listed under openstack.clouds[lab].projects",
    ],
  ])(
    'refuses %s with a 403 naming the rule, asking OpenStack nothing',
    async (name, message) => {
      const { server, fake } = await app();
      const res = await request(server).get(resources(name));
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({
        name: 'NotAllowedError',
        message,
      });
      expect(fake.issued).toBe(0);
      expect(fake.calls).toEqual([]);
    },
  );

  it("refuses look-ups and quota of another team's project, and of unmapped ones, asking OpenStack nothing", async () => {
    const { server, fake } = await app();
    const other = await request(server).get(
      '/clouds/lab/regions/RegionOne/lookups/key-pairs?project=team-b',
    );
    expect(other.status).toBe(403);
    expect(other.body.error.message).toBe(
      "user:default/alice is not an owner of project 'team-b' in cloud 'lab'; rule: look-ups and quotas answer only for projects whose owners include the user or one of their groups",
    );
    const quota = await request(server)
      .get('/clouds/lab/regions/RegionOne/quota-headroom?project=demo')
      .set(as('user:default/bob'));
    expect(quota.status).toBe(403);
    for (let i = 0; i < 20; i++) {
      const unmapped = await request(server).get(
        `/clouds/lab/regions/RegionOne/lookups/flavors?project=bogus-${i}`,
      );
      expect(unmapped.status).toBe(403);
      expect(unmapped.body.error.message).toBe(
        `project 'bogus-${i}' of cloud 'lab' is not mapped to any owner; rule: Canopy reads only the projects listed under openstack.clouds[lab].projects`,
      );
    }
    expect(fake.issued).toBe(0);
    expect(fake.calls).toEqual([]);
  });
});
