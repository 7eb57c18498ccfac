/**
 * Teams from Keystone, against the real test bed: Canopy's real backend with
 * the Keystone org provider (groups → Groups, users → Users with memberOf)
 * and project owners from Keystone role assignments
 * (`owners: { fromKeystone: { roles: [member] } }`), read with the test
 * bed's identity reader (canopy-reader: reader on the domain Default).
 * Users sign in through a catalog sign-in resolver, by name or by e-mail.
 *
 * A fresh Keystone user is moved in and out of the group team-a, and given
 * and refused the role member in team-b, while the backend runs: each change
 * reaches the portal at the next refresh, with no restart and no new sign-in.
 *
 * Run with Node's test runner, like the other backend end-to-end tests.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startCanopyBackend } from '../src/__testUtils__/backend';
import {
  adminToken,
  testbedAuth,
  testbedClouds,
  testbedSeed,
} from '../src/__testUtils__/testbed';
import {
  catalogSignInAuthModule,
  signInAs,
  TEST_USERS_AUTH_CONFIG,
} from '../src/__testUtils__/testUsers';
import { until } from '@canopy-idp/plugin-delivery-common/testUtils';

const NAME = `dana-${randomBytes(4).toString('hex')}`;
const EMAIL = `${NAME}@canopy.test`;
const LOOKUP = (project: string) =>
  `openstack/clouds/lab/regions/RegionOne/lookups/networks?project=${project}`;

/** The identity API of the test bed as its admin, for what the test changes. */
async function keystone(method: string, url: string, body?: unknown) {
  const authUrl: string = testbedAuth().demo.auth_url;
  const res = await fetch(`${authUrl}${url}`, {
    method,
    headers: {
      'X-Auth-Token': await adminToken(),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: HTTP ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

const idOf = async (what: 'groups' | 'projects' | 'roles', name: string) => {
  const body = await keystone('GET', `/${what}?name=${name}`);
  const [item] = body[what];
  assert.ok(item, `the test bed has no ${what} named ${name}`);
  return item.id as string;
};

describe('teams and owners from Keystone', () => {
  let backend: Awaited<ReturnType<typeof startCanopyBackend>>;
  let userId: string;
  let ids: Record<string, string>;

  /** A look-up as the user, signed in once at the start (no new sign-in). */
  let token: string;
  const lookup = async (project: string) => {
    const res = await fetch(`${backend.baseUrl}/api/${LOOKUP(project)}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    return { status: res.status, text: await res.text() };
  };
  const untilStatus = (project: string, status: number, why: string) =>
    until(`${why}: ${LOOKUP(project)} answers ${status}`, async () => {
      const res = await lookup(project);
      return res.status === status ? res : undefined;
    });

  before(async () => {
    testbedSeed();
    const clouds = testbedClouds();
    assert.ok(clouds['osl-reader'], 'the test bed has no identity reader');
    const { demo, teamB } = testbedAuth();
    ids = {
      teamA: await idOf('groups', 'team-a'),
      teamB: await idOf('projects', 'team-b'),
      member: await idOf('roles', 'member'),
    };
    userId = (
      await keystone('POST', '/users', {
        user: { name: NAME, domain_id: 'default', email: EMAIL },
      })
    ).user.id;
    backend = await startCanopyBackend({
      features: [catalogSignInAuthModule()],
      config: {
        auth: TEST_USERS_AUTH_CONFIG,
        canopy: { permissionPolicy: 'owner-based', platformAdmins: [] },
        catalog: {
          providers: {
            // Every 2 seconds here; a portal reads Keystone every few minutes.
            keystoneOrg: {
              lab: {
                domains: ['Default'],
                schedule: {
                  frequency: { seconds: 2 },
                  timeout: { minutes: 1 },
                  initialDelay: { seconds: 0 },
                },
              },
            },
            openstack: { lab: { enabled: false } },
          },
        },
        openstack: {
          ownersRefreshSeconds: 2,
          clouds: [
            {
              name: 'lab',
              authUrl: demo.auth_url,
              regions: ['RegionOne'],
              identity: {
                password: {
                  username: clouds['osl-reader'].auth.username,
                  password: clouds['osl-reader'].auth.password,
                  userDomainName: 'Default',
                },
                domain: 'Default',
              },
              projects: [
                {
                  name: 'demo',
                  owners: { fromKeystone: { roles: ['member'] } },
                  password: {
                    username: demo.username,
                    password: demo.password,
                    projectName: 'demo',
                  },
                },
                {
                  name: 'team-b',
                  owners: { fromKeystone: { roles: ['member'] } },
                  applicationCredential: {
                    id: teamB.application_credential_id,
                    secret: teamB.application_credential_secret,
                  },
                },
              ],
            },
          ],
        },
      },
    });
    // The org provider wrote the new user: sign-in by e-mail finds it.
    token = await until(`${NAME} can sign in`, async () =>
      signInAs(backend.baseUrl, EMAIL).catch(() => undefined),
    );
  });

  after(async () => {
    await backend?.stop();
    if (userId) await keystone('DELETE', `/users/${userId}`);
  });

  it('writes the Keystone groups and users into the catalog', async () => {
    const alice = await signInAs(backend.baseUrl, 'alice');
    const res = await fetch(
      `${backend.baseUrl}/api/catalog/entities/by-name/user/default/alice`,
      { headers: { Authorization: `Bearer ${alice}` } },
    );
    assert.equal(res.status, 200);
    const entity = await res.json();
    assert.deepEqual(entity.spec.memberOf, ['group:default/team-a']);
    assert.equal(entity.spec.profile.email, 'alice@canopy.test');
    assert.equal(
      entity.metadata.annotations['backstage.io/managed-by-origin-location'],
      'keystone-org:lab/Default',
    );
    // alice's team owns demo (the group team-a holds member there): 200.
    token = alice;
    assert.equal((await lookup('demo')).status, 200);
    assert.equal((await lookup('team-b')).status, 403);
    token = await signInAs(backend.baseUrl, EMAIL);
  });

  it('a user in no group owns nothing', async () => {
    const res = await lookup('demo');
    assert.equal(res.status, 403, res.text);
    assert.match(
      res.text,
      /rule: look-ups and quotas answer only for projects/,
    );
  });

  it('a user added to a Keystone group gains its project at the next refresh, and loses it when removed', async () => {
    await keystone('PUT', `/groups/${ids.teamA}/users/${userId}`);
    await untilStatus('demo', 200, 'added to team-a');
    await keystone('DELETE', `/groups/${ids.teamA}/users/${userId}`);
    const res = await untilStatus('demo', 403, 'removed from team-a');
    assert.match(res.text, /is not an owner of project 'demo'/);
  });

  it('a role given in a project makes its holder an owner, and taking it back ends that', async () => {
    const grant = `/projects/${ids.teamB}/users/${userId}/roles/${ids.member}`;
    await keystone('PUT', grant);
    await untilStatus('team-b', 200, 'member of team-b');
    await keystone('DELETE', grant);
    await untilStatus('team-b', 403, 'no role in team-b');
  });
});
