/**
 * A member of team A attacks the portal's tenancy, through Canopy's real
 * backend (owner-based policy, catalog with the OpenStack entity provider,
 * scaffolder, kubernetes backend, delivery) against the real OpenStack test
 * bed. alice is in team A, bob in team B, carol in the platform team
 * (`canopy.platformAdmins`). Each case is an attack measured before the
 * policy existed (all of them then answered 200 or ALLOW), and what a
 * platform admin may still do.
 *
 * Run with Node's test runner, like the other backend end-to-end tests.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Octokit } from '@octokit/rest';
import { stringify } from 'yaml';
import { startCanopyBackend } from '../src/__testUtils__/backend';
import {
  labCloud,
  teamBSession,
  testbedAuth,
  testbedSeed,
} from '../src/__testUtils__/testbed';
import {
  signInAs,
  testUsersAuthModule,
  TEST_USERS_AUTH_CONFIG,
} from '../src/__testUtils__/testUsers';
import { until } from '@canopy-idp/plugin-delivery-common/testUtils';
import { FakeArgoCd } from '@canopy-idp/plugin-delivery-backend/testUtils';
import {
  FakeGithub,
  GithubPullRequests,
} from '@canopy-idp/plugin-scaffolder-backend-module-canopy/testUtils';

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const CAROL = 'user:default/carol';
const USERS = {
  [ALICE]: [ALICE, 'group:default/team-a'],
  [BOB]: [BOB, 'group:default/team-b'],
  [CAROL]: [CAROL, 'group:default/platform'],
};

const group = (name: string, extra: object = {}) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name },
  spec: { type: 'team', children: [], ...extra },
});

/** The platform's own entities: the teams, and a template that waits. */
const PLATFORM_ENTITIES = [
  group('team-a'),
  group('team-b'),
  group('platform'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments' },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  },
  {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name: 'wait-a-while', title: 'Waits' },
    spec: {
      owner: 'group:default/team-b',
      type: 'service',
      parameters: [],
      steps: [
        {
          id: 'wait',
          name: 'Wait',
          action: 'debug:wait',
          input: { minutes: 5 },
        },
      ],
    },
  },
];

/** What the attacker registers: a Group that makes team A a child of team B. */
const BRIDGE = [group('bridge', { parent: 'team-b', children: ['team-a'] })];
/** Registered after it: once this Component is in, the bridge was processed too. */
const MARKER = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'after-the-bridge' },
    spec: { type: 'service', lifecycle: 'experimental', owner: 'team-a' },
  },
];

const yamlFile = (prefix: string, entities: object[]) => {
  const file = path.join(
    mkdtempSync(path.join(tmpdir(), `canopy-${prefix}-`)),
    'catalog-info.yaml',
  );
  writeFileSync(file, entities.map(e => stringify(e)).join('---\n'));
  return file;
};

/** A loopback web server for the attacker's files (registered locations are `url` locations). */
async function serveFiles(files: Record<string, string>) {
  const server: Server = createServer((req, res) => {
    const file = files[req.url ?? ''];
    res.statusCode = file ? 200 : 404;
    res.setHeader('Content-Type', 'text/yaml');
    res.end(file ? readFileSync(file) : '');
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, server };
}

const CROSS_TAG = 'canopy.entity=component.default.payments';
/** Team B's Git server, as a GitHub integration of the portal. */
const TEAM_B_GIT = 'git.team-b.example';

/** Adds (PUT) or removes (DELETE) payments' tag on team B's network orders-net, as team B. */
async function crossTag(method: 'PUT' | 'DELETE') {
  const b = await teamBSession();
  const headers = { 'X-Auth-Token': b.token };
  const network = b.endpoint('network');
  const { networks } = await (
    await fetch(`${network}/v2.0/networks?name=orders-net`, { headers })
  ).json();
  const res = await fetch(
    `${network}/v2.0/networks/${networks[0].id}/tags/${encodeURIComponent(
      CROSS_TAG,
    )}`,
    { method, headers },
  );
  assert.ok(res.status < 300, `${method} tag: HTTP ${res.status}`);
}

describe('an attacker of team A against the portal', () => {
  /** Team A's own Git server (loopback GitHub), where alice's tasks open pull requests. */
  const teamAGit = new FakeGithub('team-a', 'infra', 'portal-token');
  /** The platform's Argo CD (loopback), where team B's application shop-dev runs. */
  const argo = new FakeArgoCd('argocd-token');
  let backend: Awaited<ReturnType<typeof startCanopyBackend>>;
  let attackerSite: Awaited<ReturnType<typeof serveFiles>>;
  const tokens: Record<string, string> = {};

  async function call(
    user: string,
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const res = await fetch(`${backend.baseUrl}/api/${url}`, {
      method,
      headers: {
        Authorization: `Bearer ${tokens[user]}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed };
  }
  const get = (user: string, url: string) => call(user, 'GET', url);
  /** Until a platform admin finds the entity (`kind/namespace/name`) in the catalog. */
  const untilInCatalog = (ref: string) =>
    until(`${ref} in the catalog`, async () =>
      (await get(CAROL, `catalog/entities/by-name/${ref}`)).status === 200
        ? true
        : undefined,
    );

  /** The permission backend's own answer, as the issue measured it. */
  async function decision(user: string, name: string) {
    const res = await call(user, 'POST', 'permission/authorize', {
      items: [
        {
          id: '1',
          permission: { type: 'basic', name, attributes: {} },
        },
      ],
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.items[0].result as string;
  }

  before(async () => {
    testbedSeed();
    // A member of team B tags team B's network for team A's payments.
    await crossTag('PUT');
    await teamAGit.start();
    await argo.start();
    argo.setApplication('shop-dev', {
      project: 'team-b',
      sync: 'Synced',
      health: 'Degraded',
      healthMessage: "team B's deployment shop-dev is failing",
    });
    attackerSite = await serveFiles({
      '/bridge.yaml': yamlFile('bridge', BRIDGE),
      '/marker.yaml': yamlFile('marker', MARKER),
    });
    backend = await startCanopyBackend({
      features: [testUsersAuthModule(USERS)],
      config: {
        // Team B's Git host, and team A's (loopback), as the portal's GitHub
        // integrations.
        integrations: {
          github: [
            {
              host: TEAM_B_GIT,
              apiBaseUrl: 'http://127.0.0.1:9/api/v3',
              token: 'portal-token',
            },
            teamAGit.integration('portal-token'),
          ],
        },
        // The catalog may read the attacker's site, as it would read GitHub.
        backend: {
          reading: { allow: [{ host: new URL(attackerSite.base).host }] },
        },
        auth: TEST_USERS_AUTH_CONFIG,
        canopy: {
          permissionPolicy: 'owner-based',
          platformAdmins: ['group:default/platform'],
        },
        catalog: {
          // app-config.yaml's rules: registered locations add no Group or User.
          rules: [
            {
              allow: [
                'Component',
                'System',
                'API',
                'Resource',
                'Location',
                'Domain',
              ],
            },
          ],
          providers: {
            openstack: {
              lab: {
                schedule: {
                  frequency: { minutes: 10 },
                  timeout: { minutes: 2 },
                  initialDelay: { seconds: 1 },
                },
              },
            },
          },
          locations: [
            {
              type: 'file',
              target: yamlFile('platform', PLATFORM_ENTITIES),
              rules: [{ allow: ['Group', 'Template', 'Component'] }],
            },
          ],
        },
        openstack: {
          clouds: [labCloud(testbedAuth().demo.auth_url)],
        },
        delivery: {
          argocd: {
            instances: [{ name: 'lab', url: argo.url, token: 'argocd-token' }],
          },
          tenancy: {
            repositories: [
              {
                repository: `127.0.0.1:${teamAGit.port}/team-a/*`,
                owners: ['group:default/team-a'],
              },
              {
                repository: `${TEAM_B_GIT}/team-b/*`,
                owners: ['group:default/team-b'],
              },
            ],
            namespaces: [
              { namespace: 'team-a-*', owners: ['group:default/team-a'] },
              { namespace: 'team-b-*', owners: ['group:default/team-b'] },
            ],
            argoCdProjects: [
              { project: 'team-a', owners: ['group:default/team-a'] },
              { project: 'team-b', owners: ['group:default/team-b'] },
            ],
          },
        },
      },
    });
    for (const user of Object.keys(USERS)) {
      tokens[user] = await signInAs(backend.baseUrl, user);
    }
    // The platform's entities and both projects' Systems are in the catalog.
    await untilInCatalog('template/default/wait-a-while');
    await untilInCatalog('system/default/openstack-lab-team-b');
  });

  after(async () => {
    await backend?.stop();
    attackerSite?.server.close();
    await teamAGit.stop();
    await argo.stop();
    await crossTag('DELETE').catch(() => undefined);
  });

  const teamBLookups = [
    'openstack/clouds/lab/regions/RegionOne/lookups/key-pairs?project=team-b',
    'openstack/clouds/lab/regions/RegionOne/lookups/networks?project=team-b',
    'openstack/clouds/lab/regions/RegionOne/quota-headroom?project=team-b',
  ];

  it('may not register a location: the Group that would join team B never enters the catalog', async () => {
    const location = {
      type: 'url',
      target: `${attackerSite.base}/bridge.yaml`,
    };
    const denied = await call(ALICE, 'POST', 'catalog/locations', location);
    assert.equal(denied.status, 403, JSON.stringify(denied.body));
    assert.equal(await decision(ALICE, 'catalog.location.create'), 'DENY');

    // Even a platform admin's registration adds no Group: catalog.rules
    // allows registered locations only the kinds a team owns. The catalog's
    // analysis (what catalog-import shows) refuses it, naming the entity...
    const analysis = await call(
      CAROL,
      'POST',
      'catalog/locations?dryRun=true',
      location,
    );
    assert.equal(analysis.status, 400);
    assert.match(
      analysis.body.error.message,
      /Entity group:default\/bridge at url:.* is not of an allowed kind for that location/,
    );
    // ...and, registered anyway, the location adds nothing.
    const registered = await call(CAROL, 'POST', 'catalog/locations', location);
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const marker = await call(CAROL, 'POST', 'catalog/locations', {
      type: 'url',
      target: `${attackerSite.base}/marker.yaml`,
    });
    assert.equal(marker.status, 201, JSON.stringify(marker.body));
    // Registered after the bridge: once it is in, the bridge was processed.
    await untilInCatalog('component/default/after-the-bridge');
    const bridge = await get(
      CAROL,
      'catalog/entities/by-name/group/default/bridge',
    );
    assert.equal(bridge.status, 404, 'the bridge Group is not in the catalog');
    const teamA = await get(
      CAROL,
      'catalog/entities/by-name/group/default/team-a',
    );
    assert.deepEqual(
      (teamA.body.relations ?? []).filter((r: any) => r.type === 'childOf'),
      [],
      'team A is the child of no group',
    );

    // Unregistering deletes its entities: a platform admin's act alone.
    const locationId = registered.body.location.id;
    const deleteDenied = await call(
      ALICE,
      'DELETE',
      `catalog/locations/${locationId}`,
    );
    assert.equal(deleteDenied.status, 403);
    assert.equal(await decision(ALICE, 'catalog.location.delete'), 'DENY');
    assert.equal(
      (await call(CAROL, 'DELETE', `catalog/locations/${locationId}`)).status,
      204,
    );

    // And team A still reaches nothing of team B's.
    for (const url of teamBLookups) {
      const res = await get(ALICE, url);
      assert.equal(res.status, 403, url);
    }
    const listing = await get(
      ALICE,
      'openstack/entities/system/default/openstack-lab-team-b/resources',
    );
    assert.notEqual(listing.status, 200, 'team B’s resource listing');
  });

  it("team B's tag for team A's payments draws no relation into payments", async () => {
    const net = await until(
      "team B's network orders-net as a Resource",
      async () => {
        const res = await get(
          CAROL,
          'catalog/entities?filter=kind=resource,metadata.title=orders-net',
        );
        return res.body?.[0];
      },
    );
    assert.equal(net.spec.dependencyOf, undefined, 'no dependencyOf');
    assert.match(
      net.metadata.annotations['openstack.canopy-idp.io/unclaimed-tags'],
      /component:default\/payments: (its owner group:default\/team-a does not own project 'team-b'|not in the catalog)/,
    );
    const payments = await get(
      CAROL,
      'catalog/entities/by-name/component/default/payments',
    );
    assert.equal(payments.status, 200);
    const related = (payments.body.relations ?? []).map(
      (r: any) => r.targetRef,
    );
    assert.ok(
      !related.includes(
        `resource:default/${net.metadata.name}`.toLocaleLowerCase('en-US'),
      ),
      `payments is not related to team B's network: ${related}`,
    );
  });

  it("may not record a delivery request for a task or a pull request not its own, nor one watching team B's repository, project, Argo CD application or namespaces", async () => {
    const rule =
      '(rule: a delivery request is recorded only for a scaffolder task its requester created, and only for the pull request that task opened)';
    // A pull request in team B's repository, which the portal's integration
    // token could read for alice (TEAM_B_GIT: nothing answers there), and
    // one that no task opened in team A's.
    const teamBPull = `https://${TEAM_B_GIT}/team-b/infra/pull/1`;
    const teamAPull = `http://127.0.0.1:${teamAGit.port}/team-a/infra/pull/999`;
    const record = (taskId: string, pullRequestUrl = teamAPull) =>
      call(ALICE, 'POST', 'delivery/requests', {
        taskId,
        title: 'watch team B',
        entityRef: 'component:default/payments',
        pullRequestUrl,
      });
    const start = async (user: string) => {
      const created = await call(user, 'POST', 'scaffolder/v2/tasks', {
        templateRef: 'template:default/wait-a-while',
        values: {},
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return created.body.id as string;
    };
    const bobsTask = await start(BOB);
    const alicesTask = await start(ALICE);
    try {
      const madeUp = await record('attacker-task');
      assert.equal(madeUp.status, 403, JSON.stringify(madeUp.body));
      assert.equal(
        madeUp.body.error.message,
        `taskId: 'attacker-task' is not a scaffolder task ${ALICE} created ${rule}`,
      );
      const bobs = await record(bobsTask);
      assert.equal(bobs.status, 403, JSON.stringify(bobs.body));
      assert.equal(
        bobs.body.error.message,
        `taskId: '${bobsTask}' is not a scaffolder task ${ALICE} created ${rule}`,
      );
      // Her own task, but a pull request it did not open.
      const own = await record(alicesTask);
      assert.equal(own.status, 403, JSON.stringify(own.body));
      assert.equal(
        own.body.error.message,
        `pullRequestUrl: ${teamAPull} is not a pull request task '${alicesTask}' opened ${rule}`,
      );
      // A pull request in team B's repository: refused before the portal's
      // token reads anything of it.
      const theirs = await record(alicesTask, teamBPull);
      assert.equal(theirs.status, 403, JSON.stringify(theirs.body));
      assert.match(
        theirs.body.error.message,
        /^pullRequestUrl: user:default\/alice does not own repository 'git\.team-b\.example\/team-b\/infra' \(rule: pull requests, their checks and pipelines are read only in a repository/,
      );
      // Her own task and the pull request it opened, watching team B's
      // OpenStack project: the project's owners decide.
      const pull = await new GithubPullRequests(
        new Octokit({ auth: 'portal-token', baseUrl: teamAGit.apiBaseUrl }),
        'team-a',
        'infra',
      ).open({
        files: { 'watch/main.tf': Buffer.from('# watch\n') },
        branch: 'canopy/watch',
        taskId: alicesTask,
        title: 'watch team B',
        body: 'watch team B',
        commitMessage: 'watch team B',
        author: { name: 'Canopy', email: 'canopy@example.invalid' },
        labels: [],
        reviewers: [],
        draft: false,
      });
      const project = await call(ALICE, 'POST', 'delivery/requests', {
        taskId: alicesTask,
        title: 'watch team B',
        entityRef: 'component:default/payments',
        pullRequestUrl: pull.url,
        expected: {
          openstack: {
            cloud: 'lab',
            project: 'team-b',
            entityRef: 'component:default/payments',
          },
        },
      });
      assert.equal(project.status, 403, JSON.stringify(project.body));
      assert.match(
        project.body.error.message,
        /^expected\.openstack\.project: user:default\/alice does not own project 'team-b' \(rule: /,
      );
      // ... watching team B's Argo CD application, or KRO instances in team
      // B's namespaces (its own, and its OpenStack project's).
      const watch = (expected: object) =>
        call(ALICE, 'POST', 'delivery/requests', {
          taskId: alicesTask,
          title: 'watch team B',
          entityRef: 'component:default/payments',
          pullRequestUrl: pull.url,
          expected,
        });
      const app = await watch({ argoCdApplications: [{ name: 'shop-dev' }] });
      assert.equal(app.status, 403, JSON.stringify(app.body));
      assert.match(
        app.body.error.message,
        /^expected\.argoCdApplications\[0\]\.name: user:default\/alice does not own the AppProject of application 'shop-dev' \(rule: Argo CD applications are read only when their AppProject is one/,
      );
      assert.doesNotMatch(JSON.stringify(app.body), /failing|Degraded/);
      for (const namespace of ['team-b-dev', 'team-b']) {
        const kro = await watch({
          kroInstances: [
            {
              apiVersion: 'kro.run/v1alpha1',
              kind: 'WebApplication',
              namespace,
              name: 'shop',
            },
          ],
        });
        assert.equal(kro.status, 403, JSON.stringify(kro.body));
        assert.equal(
          kro.body.error.message.split(' (rule:')[0],
          `expected.kroInstances[0].namespace: ${ALICE} does not own namespace '${namespace}'`,
        );
      }
      const mine = await get(ALICE, 'delivery/requests?mine=true');
      assert.deepEqual(mine.body.items, []);
    } finally {
      for (const task of [bobsTask, alicesTask]) {
        await call(CAROL, 'POST', `scaffolder/v2/tasks/${task}/cancel`);
      }
    }
  });

  it("may not run the scaffolder's built-in actions, which read with the portal's integrations, even in a dry-run; a platform admin may", async () => {
    // fetch:plain:file through the portal's URL reader: as it would read another
    // team's private repository with the portal's Git token.
    const dryRun = (user: string) =>
      call(user, 'POST', 'scaffolder/v2/dry-run', {
        template: {
          apiVersion: 'scaffolder.backstage.io/v1beta3',
          kind: 'Template',
          metadata: { name: 'read-through-the-portal' },
          spec: {
            type: 'service',
            parameters: [],
            steps: [
              {
                id: 'read',
                name: 'Read',
                action: 'fetch:plain:file',
                input: {
                  url: `${attackerSite.base}/bridge.yaml`,
                  targetPath: './read.yaml',
                },
              },
            ],
          },
        },
        values: {},
        secrets: {},
        // A skeleton of its own, as the template editor sends (dry-run:extract).
        directoryContents: [
          {
            path: 'README.md',
            base64Content: Buffer.from('# dry-run\n').toString('base64'),
          },
        ],
      });
    const files = (res: { body: any }) =>
      (res.body?.directoryContents ?? []).map((f: any) => f.path);
    const alices = await dryRun(ALICE);
    assert.equal(alices.status, 403, JSON.stringify(alices.body));
    assert.equal(
      alices.body.error.message,
      'Unauthorized action: fetch:plain:file. The action is not allowed.',
    );
    assert.deepEqual(files(alices), []);
    const carols = await dryRun(CAROL);
    assert.equal(carols.status, 200, JSON.stringify(carols.body));
    assert.deepEqual(files(carols), ['read.yaml']);
  });

  it('may not use the Kubernetes proxy (the portal’s own service account); a platform admin may', async () => {
    const res = await call(
      ALICE,
      'GET',
      'kubernetes/proxy/api/v1/namespaces',
      undefined,
      {
        'Backstage-Kubernetes-Cluster': 'any',
      },
    );
    assert.equal(res.status, 403);
    assert.equal(await decision(ALICE, 'kubernetes.proxy'), 'DENY');
    assert.equal(await decision(CAROL, 'kubernetes.proxy'), 'ALLOW');
  });

  it("may neither read nor cancel another user's scaffolder task; its creator and a platform admin may", async () => {
    const created = await call(BOB, 'POST', 'scaffolder/v2/tasks', {
      templateRef: 'template:default/wait-a-while',
      values: {},
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const task = `scaffolder/v2/tasks/${created.body.id}`;
    assert.equal((await get(ALICE, task)).status, 403);
    assert.equal((await call(ALICE, 'POST', `${task}/cancel`)).status, 403);
    assert.equal((await get(BOB, task)).status, 200);
    assert.equal((await get(CAROL, task)).status, 200);
    // Nobody else's tasks in alice's list either.
    const listed = await get(ALICE, 'scaffolder/v2/tasks');
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.tasks.filter((t: any) => t.id === created.body.id),
      [],
    );
    assert.equal((await call(CAROL, 'POST', `${task}/cancel`)).status, 200);
  });

  it("does not see team B's OpenStack Systems and Resources in the catalog; team B and a platform admin do", async () => {
    const systems = async (user: string) =>
      (
        await get(
          user,
          'catalog/entities/by-query?filter=kind=system&fields=metadata.name&limit=500',
        )
      ).body.items.map((e: any) => e.metadata.name);
    const teamBResources = async (user: string) =>
      (
        await get(
          user,
          'catalog/entities/by-query?filter=kind=resource,metadata.annotations.openstack.canopy-idp.io/project=team-b&fields=metadata.name&limit=500',
        )
      ).body.items.length;
    await until("team B's Resources in the catalog", async () =>
      (await teamBResources(CAROL)) > 0 ? true : undefined,
    );

    const alices = await systems(ALICE);
    assert.ok(alices.includes('openstack-lab-demo'), 'team A sees its own');
    assert.ok(!alices.includes('openstack-lab-team-b'), alices.join(', '));
    assert.equal(await teamBResources(ALICE), 0);
    assert.equal(
      (
        await get(
          ALICE,
          'catalog/entities/by-name/system/default/openstack-lab-team-b',
        )
      ).status,
      404,
    );

    assert.ok((await systems(BOB)).includes('openstack-lab-team-b'));
    assert.ok((await teamBResources(BOB)) > 0);
    assert.ok((await systems(CAROL)).includes('openstack-lab-team-b'));
  });
});
