/**
 * The OpenStack test bed as the backend's end-to-end tests configure it:
 * where its state is, and the `lab` cloud with its two projects (demo for
 * team A, read with the demo user's password; team-b for team B, read with
 * the application credential seed.py made), from its clouds.yaml.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './backend';

export const TESTBED_STATE =
  process.env.OSL_STATE ?? path.join(repoRoot, '.testbed/openstack');

/** The test bed's Keystone credentials, as clouds.yaml holds them. */
export function testbedAuth(): { demo: any; teamB: any } {
  const clouds = parse(
    readFileSync(path.join(TESTBED_STATE, 'clouds.yaml'), 'utf8'),
  ).clouds;
  return { demo: clouds['osl-demo'].auth, teamB: clouds['osl-team-b'].auth };
}

/** The `lab` cloud of `openstack.clouds`, reached at `authUrl`. */
export function labCloud(authUrl: string, extra: Record<string, unknown> = {}) {
  const { demo, teamB } = testbedAuth();
  return {
    name: 'lab',
    authUrl,
    regions: ['RegionOne'],
    ...extra,
    projects: [
      {
        name: 'demo',
        owners: ['group:default/team-a'],
        password: {
          username: demo.username,
          password: demo.password,
          projectName: 'demo',
        },
      },
      {
        name: 'team-b',
        owners: ['group:default/team-b'],
        applicationCredential: {
          id: teamB.application_credential_id,
          secret: teamB.application_credential_secret,
        },
      },
    ],
  };
}

/**
 * A Keystone token of the test bed's demo user for the demo project, and the
 * public endpoint of each service type, for a test's own changes to the
 * test bed (creating a server, deleting a security group).
 */
export async function demoSession(): Promise<{
  token: string;
  endpoint(type: string): string;
}> {
  const demo = testbedAuth().demo;
  const res = await fetch(`${demo.auth_url.replace(/\/+$/, '')}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: {
            user: {
              name: demo.username,
              password: demo.password,
              domain: { name: demo.user_domain_name ?? 'Default' },
            },
          },
        },
        scope: {
          project: {
            name: 'demo',
            domain: { name: demo.project_domain_name ?? 'Default' },
          },
        },
      },
    }),
  });
  if (res.status !== 201) {
    throw new Error(`Keystone refused the demo user: HTTP ${res.status}`);
  }
  const token = res.headers.get('x-subject-token')!;
  const catalog: Array<{
    type: string;
    endpoints: Array<{ interface: string; url: string }>;
  }> = (await res.json()).token.catalog;
  return {
    token,
    endpoint(type) {
      const service = catalog.find(s => s.type === type);
      const url = service?.endpoints.find(e => e.interface === 'public')?.url;
      if (!url) throw new Error(`the test bed has no public ${type} endpoint`);
      return url.replace(/\/+$/, '');
    },
  };
}

/**
 * A Keystone token of the test bed's admin (from admin-openrc), for what only
 * an operator can do to the test bed, such as putting a server into ERROR.
 */
export async function adminToken(): Promise<string> {
  const rc = readFileSync(path.join(TESTBED_STATE, 'admin-openrc'), 'utf8');
  const env = Object.fromEntries(
    [...rc.matchAll(/(OS_[A-Z_]+)=(\S+)/g)].map(m => [m[1], m[2]]),
  );
  const res = await fetch(
    `${env.OS_AUTH_URL.replace(/\/+$/, '')}/auth/tokens`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: {
              user: {
                name: env.OS_USERNAME,
                password: env.OS_PASSWORD,
                domain: { name: env.OS_USER_DOMAIN_NAME ?? 'Default' },
              },
            },
          },
          scope: {
            project: {
              name: env.OS_PROJECT_NAME ?? 'admin',
              domain: { name: env.OS_PROJECT_DOMAIN_NAME ?? 'Default' },
            },
          },
        },
      }),
    },
  );
  if (res.status !== 201) {
    throw new Error(
      `Keystone refused the test bed's admin: HTTP ${res.status}`,
    );
  }
  return res.headers.get('x-subject-token')!;
}
