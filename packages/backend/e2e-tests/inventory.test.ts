/**
 * The catalog's OpenStack entity provider in Canopy's real backend, on two
 * replicas sharing one PostgreSQL (loopback), against the real OpenStack test
 * bed: the seeded projects' resources become Systems and Resources with the
 * right owners, relations and titles; the provider runs once per cadence,
 * never on both replicas at once; when a service of the test bed stops
 * (neutron-server paused with SIGSTOP) nothing disappears, and a later good
 * run removes what is really gone.
 *
 * Run with Node's test runner (see clusterCrds.test.ts).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Client } from 'pg';
import { repoRoot, startCanopyBackend } from '../src/__testUtils__/backend';
import { until } from '@canopy-idp/plugin-delivery-common/testUtils';
import {
  dropDatabases,
  postgresClient,
  postgresDatabase,
} from '../src/__testUtils__/postgres';
import {
  demoSession,
  labCloud,
  TESTBED_STATE,
  testbedAuth,
  testbedSeed,
} from '../src/__testUtils__/testbed';

const PROVIDER = 'openstack-provider:lab';
const CADENCE_SECONDS = 4;

type Entity = {
  kind: string;
  metadata: {
    name: string;
    title?: string;
    annotations?: Record<string, string>;
  };
  spec: Record<string, any>;
  relations?: Array<{ type: string; targetRef: string }>;
};
type Run = {
  started_at: string;
  finished_at: string;
  added: number;
  removed: number;
  kept: number;
  failures: string;
};

describe('the catalog lists the test bed’s OpenStack projects and resources', () => {
  const prefix = `canopy_inventory_${randomBytes(4).toString('hex')}_`;
  const replicas: Array<Awaited<ReturnType<typeof startCanopyBackend>>> = [];
  let runsDb: Client;
  let seed: any;
  let demo: any;
  let neutronPid: number | undefined;

  const api = async (pathname: string, init: RequestInit = {}) => {
    const res = await fetch(`${replicas[0].baseUrl}/api/${pathname}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${replicas[0].token}`,
        'Content-Type': 'application/json',
        ...init.headers,
      },
    });
    return res;
  };
  const entity = async (ref: string): Promise<Entity | undefined> => {
    const [kind, rest] = ref.split(':');
    const [ns, name] = rest.split('/');
    const res = await api(`catalog/entities/by-name/${kind}/${ns}/${name}`);
    return res.status === 200 ? res.json() : undefined;
  };
  const resources = async (type: string): Promise<Entity[]> => {
    const res = await api(
      `catalog/entities/by-query?filter=kind=resource,spec.type=${type}&limit=500`,
    );
    return (await res.json()).items;
  };
  const runs = async (): Promise<Run[]> =>
    (
      await runsDb.query(
        'select * from canopy_openstack_runs where provider = $1 order by id',
        [PROVIDER],
      )
    ).rows;

  /** A Keystone token of the demo user, and Neutron's endpoint, for the test's own changes. */
  async function neutron() {
    const session = await demoSession();
    return { token: session.token, url: session.endpoint('network') };
  }

  before(async () => {
    seed = testbedSeed();
    demo = testbedAuth().demo;
    neutronPid = Number(
      readFileSync(
        path.join(TESTBED_STATE, 'run/neutron-server.pid'),
        'utf8',
      ).trim(),
    );
    const config = {
      catalog: {
        providers: {
          openstack: {
            lab: {
              schedule: {
                frequency: { seconds: CADENCE_SECONDS },
                timeout: { minutes: 2 },
                initialDelay: { seconds: 1 },
              },
            },
          },
        },
        locations: [
          {
            type: 'file',
            target: path.join(repoRoot, 'testbed/openstack/catalog-info.yaml'),
            rules: [{ allow: ['Component', 'System'] }],
          },
        ],
      },
      openstack: {
        requestTimeoutMs: 5000,
        retries: 0,
        failedSourceRetrySeconds: 1,
        clouds: [
          labCloud(demo.auth_url, {
            horizonUrl: 'https://horizon.lab.example/dashboard',
          }),
        ],
      },
    };
    const database = postgresDatabase(prefix);
    // Two replicas of the same backend on one PostgreSQL, one after the other
    // (the second finds the migrations done).
    replicas.push(await startCanopyBackend({ database, config }));
    replicas.push(await startCanopyBackend({ database, config }));
    runsDb = postgresClient(`${prefix}catalog`);
    await runsDb.connect();
  });

  after(async () => {
    if (neutronPid) {
      try {
        process.kill(-neutronPid, 'SIGCONT');
      } catch {
        // not paused, or gone
      }
    }
    await runsDb?.end();
    await Promise.all(replicas.map(r => r.stop()));
    await dropDatabases(prefix);
  });

  it('lists each mapped project as a System owned by its team', async () => {
    const demoSystem = await until('the demo project’s System', () =>
      entity('system:default/openstack-lab-demo'),
    );
    assert.equal(demoSystem.spec.owner, 'group:default/team-a');
    const teamB = await until('the team-b project’s System', () =>
      entity('system:default/openstack-lab-team-b'),
    );
    assert.equal(teamB.spec.owner, 'group:default/team-b');
  });

  it('lists the seeded servers as Resources with their exact names, owners and links', async () => {
    const servers = await until('the nine demo servers', async () => {
      const items = (await resources('openstack-server')).filter(
        s => s.spec.owner === 'group:default/team-a',
      );
      return items.length >= 9 ? items : undefined;
    });
    assert.ok(
      servers.some(s => s.metadata.title === 'payments-web-1'),
      'payments-web-1 is a Resource',
    );
    // Its links, once a run has read every service and the catalog holds
    // payments (a tag draws a relation only to an entity in the catalog
    // whose owner owns the project).
    const web1 = await until(
      'payments-web-1 linked to its volume, network and payments',
      async () => {
        const found = (await resources('openstack-server')).find(
          s => s.metadata.title === 'payments-web-1',
        );
        const deps: string[] = found?.spec.dependsOn ?? [];
        return deps.some(r =>
          r.startsWith('resource:default/openstack-network-'),
        ) &&
          deps.some(r => r.startsWith('resource:default/openstack-volume-')) &&
          found?.spec.dependencyOf
          ? found
          : undefined;
      },
      120,
    );
    assert.equal(web1.spec.system, 'openstack-lab-demo');
    assert.deepEqual(web1.spec.dependencyOf, ['component:default/payments']);
    assert.ok(
      web1.spec.dependsOn.some((r: string) =>
        r.startsWith('resource:default/openstack-volume-'),
      ),
      `payments-web-1 depends on its volume: ${web1.spec.dependsOn}`,
    );
    assert.ok(
      web1.spec.dependsOn.some((r: string) =>
        r.startsWith('resource:default/openstack-network-'),
      ),
      `payments-web-1 depends on its network: ${web1.spec.dependsOn}`,
    );
    assert.match(
      web1.metadata.annotations!['openstack.canopy-idp.io/resource'],
      /^servers\//,
    );
    const orders = await until('team B’s server, owned by team B', async () => {
      const items = (await resources('openstack-server')).filter(
        s => s.spec.owner === 'group:default/team-b',
      );
      return items.length ? items : undefined;
    });
    assert.ok(orders.every(s => s.spec.system === 'openstack-lab-team-b'));
  });

  it('keeps a name that is not ASCII exactly as the title', async () => {
    const group = await until(
      'the security group with a Unicode name',
      async () =>
        (
          await resources('openstack-security-group')
        ).find(g => g.metadata.title === seed.unicodeName),
    );
    assert.equal(group.metadata.title, 'Prüfgruppe – données 日本');
  });

  it('joins payments to its servers, volume and load balancer', async () => {
    const types = await until(
      'payments’ relations to its infrastructure',
      async () => {
        const payments = await entity('component:default/payments');
        const deps = (payments?.relations ?? [])
          .filter(r => r.type === 'dependsOn')
          .map(r => r.targetRef);
        const found = await Promise.all(deps.map(ref => entity(ref)));
        const t = found.filter(Boolean).map(e => e!.spec.type as string);
        return t.filter(x => x === 'openstack-server').length >= 2 &&
          t.includes('openstack-volume') &&
          t.includes('openstack-load-balancer')
          ? t
          : undefined;
      },
    );
    assert.ok(types.includes('openstack-floating-ip'));
  });

  it('runs once per cadence on one replica at a time', async () => {
    const recorded = await until('four runs', async () => {
      const r = await runs();
      return r.length >= 4 ? r : undefined;
    });
    for (let i = 1; i < recorded.length; i++) {
      assert.ok(
        Date.parse(recorded[i].started_at) >=
          Date.parse(recorded[i - 1].finished_at),
        `run ${i} started before run ${i - 1} finished: ${JSON.stringify(
          recorded.slice(i - 1, i + 1),
        )}`,
      );
    }
    const span =
      (Date.parse(recorded[recorded.length - 1].started_at) -
        Date.parse(recorded[0].started_at)) /
      1000;
    assert.ok(
      recorded.length - 1 <= span / CADENCE_SECONDS + 1,
      `${recorded.length} runs in ${span} s at one per ${CADENCE_SECONDS} s: two replicas both ran`,
    );
  });

  it('deletes nothing while Neutron is stopped, and removes what is gone once it answers', async () => {
    const n = await neutron();
    const created = await fetch(`${n.url}/v2.0/security-groups`, {
      method: 'POST',
      headers: { 'X-Auth-Token': n.token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ security_group: { name: 'canopy-e2e-gone' } }),
    });
    assert.equal(created.status, 201);
    const gone = (await created.json()).security_group.id as string;
    const goneRef = `resource:default/openstack-security-group-${gone}`;
    await until('the new security group in the catalog', () => entity(goneRef));
    const networksBefore = (await resources('openstack-network')).length;

    process.kill(-neutronPid!, 'SIGSTOP');
    let failing: Run;
    try {
      const seen = (await runs()).length;
      failing = await until('a run while Neutron is stopped', async () =>
        (await runs())
          .slice(seen)
          .find(
            r =>
              r.failures.includes('network: timeout') ||
              r.failures.includes('network: error'),
          ),
      );
      // And one more, so the catalog has processed what it sent.
      await until('the kept network marked last-seen', async () => {
        const nets = await resources('openstack-network');
        return nets.length > 0 &&
          nets.every(
            x => x.metadata.annotations?.['openstack.canopy-idp.io/last-seen'],
          )
          ? nets
          : undefined;
      });
    } finally {
      process.kill(-neutronPid!, 'SIGCONT');
    }
    assert.equal(failing.removed, 0);
    assert.ok(failing.kept > 0);
    assert.equal((await resources('openstack-network')).length, networksBefore);
    assert.ok(await entity(goneRef), 'the security group is still listed');

    const deleted = await fetch(`${n.url}/v2.0/security-groups/${gone}`, {
      method: 'DELETE',
      headers: { 'X-Auth-Token': n.token },
    });
    assert.equal(deleted.status, 204);
    await until('the deleted security group to leave the catalog', async () =>
      (await entity(goneRef)) ? undefined : true,
    );
    // The same run sent the networks without their marks; the catalog
    // processes them after it has dropped the deleted group.
    const nets = await until(
      'the marks to go once Neutron answers',
      async () => {
        const all = await resources('openstack-network');
        return all.every(
          x => !x.metadata.annotations?.['openstack.canopy-idp.io/last-seen'],
        )
          ? all
          : undefined;
      },
    );
    assert.equal(nets.length, networksBefore);
  });
});
