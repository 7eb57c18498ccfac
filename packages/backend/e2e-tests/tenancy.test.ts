/**
 * Tenancy through Canopy's real backend (auth, catalog, permission framework
 * with the owner-based policy and IS_OPENSTACK_PROJECT_OWNER, OpenStack
 * plugin, MCP actions) against the real OpenStack test bed, which seed.py
 * gives two teams: project demo (team A: payments) and project team-b (team B:
 * orders, its own application credential and a lower quota). Users sign in
 * through a test-only proxy auth provider (src/__testUtils__/testUsers.ts):
 * alice is in team A, bob in team B. Keystone sits behind a counting proxy,
 * so each case shows whether any OpenStack call was possible.
 *
 * Run with Node's test runner (the backend includes the kubernetes backend,
 * which Jest cannot load; see clusterCrds.test.ts).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { startCanopyBackend } from '../src/__testUtils__/backend';
import { KeystoneProxy } from '../src/__testUtils__/keystoneProxy';
import { labCloud, testbedSeed } from '../src/__testUtils__/testbed';
import {
  signInAs,
  testUsersAuthModule,
  TEST_USERS_AUTH_CONFIG,
} from '../src/__testUtils__/testUsers';
import { until } from '@canopy-idp/plugin-delivery-common/testUtils';
import { callApi } from '../src/__testUtils__/api';

const USERS = {
  'user:default/alice': ['user:default/alice', 'group:default/team-a'],
  'user:default/bob': ['user:default/bob', 'group:default/team-b'],
};

const group = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name },
  spec: { type: 'team', children: [] },
});
const component = (
  name: string,
  owner: string,
  annotations: Record<string, string>,
) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    annotations: { 'openstack.canopy-idp.io/cloud': 'lab', ...annotations },
  },
  spec: { type: 'service', lifecycle: 'experimental', owner },
});

/** The entities of the cases: each team's own, and three confused deputies. */
const ENTITIES = [
  group('team-a'),
  group('team-b'),
  component('payments', 'group:default/team-a', {
    'openstack.canopy-idp.io/project': 'demo',
  }),
  component('orders', 'group:default/team-b', {
    'openstack.canopy-idp.io/project': 'team-b',
  }),
  // Owned by team B, claiming payments' tag in team A's project.
  component('evil-tag', 'group:default/team-b', {
    'openstack.canopy-idp.io/project': 'demo',
    'openstack.canopy-idp.io/tags': 'canopy.entity=component.default.payments',
  }),
  // Owned by team A, naming team B's project.
  component('evil-project', 'group:default/team-a', {
    'openstack.canopy-idp.io/project': 'team-b',
  }),
  // A project nobody mapped.
  component('unmapped', 'group:default/team-a', {
    'openstack.canopy-idp.io/project': 'admin',
  }),
];

describe('tenancy: each team reaches only its own OpenStack projects', () => {
  let backend: Awaited<ReturnType<typeof startCanopyBackend>>;
  const keystone = new KeystoneProxy();
  const tokens: Record<string, string> = {};
  let seed: any;

  before(async () => {
    seed = testbedSeed();
    const authUrl = await keystone.start();
    const catalogFile = path.join(
      mkdtempSync(path.join(tmpdir(), 'canopy-tenancy-')),
      'catalog.yaml',
    );
    writeFileSync(catalogFile, ENTITIES.map(e => stringify(e)).join('---\n'));
    backend = await startCanopyBackend({
      features: [testUsersAuthModule(USERS)],
      config: {
        auth: TEST_USERS_AUTH_CONFIG,
        canopy: { permissionPolicy: 'owner-based' },
        catalog: {
          // The OpenStack catalog provider would ask Keystone for the lab
          // cloud's project tokens on its own schedule (15 s after start),
          // which the counting proxy cannot tell from a request's calls; this
          // suite is about reads made for a user, so the provider is off.
          providers: { openstack: { lab: { enabled: false } } },
          locations: [
            {
              type: 'file',
              target: catalogFile,
              rules: [{ allow: ['Component', 'Group'] }],
            },
          ],
        },
        openstack: {
          clouds: [labCloud(authUrl)],
        },
      },
    });
    for (const user of Object.keys(USERS)) {
      tokens[user] = await signInAs(backend.baseUrl, user);
    }
    // Until the catalog has read the entities: a condition, polled a
    // bounded number of times, never a fixed sleep.
    await until(
      `the catalog to read ${catalogFile}`,
      async () => {
        const res = await get(
          'user:default/alice',
          'catalog/entities/by-name/component/default/unmapped',
        );
        if (res.status !== 200)
          throw new Error(`last answer: HTTP ${res.status}`);
        return true;
      },
      1200,
    );
  });

  after(async () => {
    await backend?.stop();
    await keystone.stop();
  });

  function get(user: string, url: string) {
    return callApi(backend.baseUrl, tokens[user], 'GET', url);
  }

  /** A request, and how many Keystone token requests it caused. */
  async function counted(user: string, url: string) {
    const before_ = keystone.tokenRequests;
    const res = await get(user, url);
    return { ...res, keystoneCalls: keystone.tokenRequests - before_ };
  }

  const resources = (name: string) =>
    `openstack/entities/component/default/${name}/resources`;
  const names = (items: Array<{ name: string }>) =>
    items.map(i => i.name).sort();

  it('an owner sees their own resources', async () => {
    const alice = await get('user:default/alice', resources('payments'));
    assert.equal(alice.status, 200);
    assert.deepEqual(
      names(alice.body.resources.servers),
      seed.entities.payments.servers,
    );
    assert.equal(alice.body.project, 'demo');
    const bob = await get('user:default/bob', resources('orders'));
    assert.equal(bob.status, 200);
    assert.deepEqual(
      names(bob.body.resources.servers),
      seed.teamB.entities.orders.servers,
    );
    assert.deepEqual(
      names(bob.body.resources.volumes),
      seed.teamB.entities.orders.volumes,
    );
    // Team B's lower quota, read with team B's own credential.
    assert.equal(
      bob.body.quotas[0].compute.instances.limit,
      seed.teamB.instanceQuota,
    );
  });

  it("a non-owner is denied another team's resources, before any OpenStack call", async () => {
    const res = await counted('user:default/bob', resources('payments'));
    assert.equal(res.status, 403);
    assert.deepEqual(res.body.error, {
      name: 'NotAllowedError',
      message:
        "Not allowed to read the OpenStack resources of component:default/payments: the permission openstack.resources.read was denied by the portal's permission policy (Canopy's owner-based policy allows it to the owners of the entity's OpenStack project)",
    });
    assert.equal(res.keystoneCalls, 0);
  });

  it('the evil-tag entity is refused, naming the rule', async () => {
    // bob may read it (his team owns it); the entity may not read team A's project.
    const res = await counted('user:default/bob', resources('evil-tag'));
    const alice = await counted('user:default/alice', resources('evil-tag'));
    for (const r of [res, alice]) {
      assert.equal(r.status, 403);
      assert.equal(r.keystoneCalls, 0);
    }
    assert.equal(
      alice.body.error.message,
      "component:default/evil-tag: its owner group:default/team-b is not an owner of project 'demo' in cloud 'lab'; rule: an entity's resources are listed only when the entity's owner, or a group above it (childOf), is an owner of the project",
    );
  });

  it('the evil-project entity is refused, naming the rule', async () => {
    const res = await counted('user:default/bob', resources('evil-project'));
    assert.equal(res.status, 403);
    assert.equal(
      res.body.error.message,
      "component:default/evil-project: its owner group:default/team-a is not an owner of project 'team-b' in cloud 'lab'; rule: an entity's resources are listed only when the entity's owner, or a group above it (childOf), is an owner of the project",
    );
    assert.equal(res.keystoneCalls, 0);
  });

  it("look-ups and quota of another team's project are refused", async () => {
    for (const url of [
      'openstack/clouds/lab/regions/RegionOne/lookups/key-pairs?project=team-b',
      'openstack/clouds/lab/regions/RegionOne/lookups/networks?project=team-b',
      'openstack/clouds/lab/regions/RegionOne/quota-headroom?project=team-b',
    ]) {
      const res = await counted('user:default/alice', url);
      assert.equal(res.status, 403, url);
      assert.equal(
        res.body.error.message,
        "user:default/alice is not an owner of project 'team-b' in cloud 'lab'; rule: look-ups and quotas answer only for projects whose owners include the user or one of their groups",
      );
      assert.equal(res.keystoneCalls, 0);
    }
    // Each team's key pairs come from its own project's credential.
    const mine = await get(
      'user:default/alice',
      'openstack/clouds/lab/regions/RegionOne/lookups/key-pairs',
    );
    assert.deepEqual(names(mine.body.items), seed.keyPairs);
    const theirs = await get(
      'user:default/bob',
      'openstack/clouds/lab/regions/RegionOne/lookups/key-pairs',
    );
    assert.deepEqual(names(theirs.body.items), seed.teamB.keyPairs);
    // /clouds offers each user their own projects only.
    const clouds = await get('user:default/alice', 'openstack/clouds');
    assert.deepEqual(clouds.body.items[0].projects, [{ name: 'demo' }]);
  });

  it('/health answers without credentials and names nothing configured', async () => {
    const res = await fetch(`${backend.baseUrl}/api/openstack/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
    // /clouds needs a user or service, and a service is offered no project.
    const anonymous = await fetch(`${backend.baseUrl}/api/openstack/clouds`);
    assert.equal(anonymous.status, 401);
  });

  it('an unmapped project never reaches Keystone', async () => {
    const entity = await counted('user:default/alice', resources('unmapped'));
    assert.equal(entity.status, 403);
    // The owner-based policy refuses it first: a project nobody owns.
    assert.match(
      entity.body.error.message,
      /^Not allowed to read the OpenStack resources of component:default\/unmapped: the permission openstack\.resources\.read was denied/,
    );
    assert.equal(entity.keystoneCalls, 0);
    for (let i = 0; i < 200; i++) {
      const res = await counted(
        'user:default/alice',
        `openstack/clouds/lab/regions/RegionOne/lookups/flavors?project=unknown-${i}`,
      );
      assert.equal(res.status, 403);
      assert.equal(
        res.body.error.message,
        `project 'unknown-${i}' of cloud 'lab' is not mapped to any owner; rule: Canopy reads only the projects listed under openstack.clouds[lab].projects`,
      );
      assert.equal(res.keystoneCalls, 0);
    }
  });

  it('the MCP action applies the same checks to a user who may and one who may not', async () => {
    const call = async (user: string, entityRef: string) => {
      const res = await fetch(`${backend.baseUrl}/api/mcp-actions/v1`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${tokens[user]}`,
          'Content-Type': 'application/json',
          Accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/call',
          params: {
            name: 'openstack.list-entity-resources',
            arguments: { entityRef, kinds: ['servers'] },
          },
        }),
      });
      const text = await res.text();
      // The streamable transport may answer as server-sent events.
      const json = text.startsWith('{')
        ? text
        : text
            .split('\n')
            .filter(l => l.startsWith('data: '))
            .map(l => l.slice(6))
            .join('');
      return { status: res.status, body: JSON.parse(json) };
    };
    const may = await call('user:default/alice', 'component:default/payments');
    assert.equal(may.status, 200);
    assert.equal(
      may.body.result.isError,
      undefined,
      JSON.stringify(may.body.result.content),
    );
    assert.deepEqual(
      names(may.body.result.structuredContent.result.resources.servers),
      seed.entities.payments.servers,
    );
    const mayNot = await call('user:default/bob', 'component:default/payments');
    assert.equal(mayNot.body.result.isError, true);
    assert.match(
      JSON.stringify(mayNot.body.result.content),
      /Not allowed to read the OpenStack resources of component:default\/payments/,
    );
  });
});
