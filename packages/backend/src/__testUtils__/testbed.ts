/**
 * The OpenStack test bed as the backend's end-to-end tests configure it:
 * where its state is, and the `lab` cloud with its two projects (demo for
 * team A, read with the demo user's password; team-b for team B, read with
 * the application credential seed.py made), from its clouds.yaml.
 */
import {
  keystonePasswordToken,
  type KeystoneCatalogEntry,
} from '@canopy-idp/plugin-openstack-node/testUtils';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './backend';

export const TESTBED_STATE =
  process.env.OSL_STATE ?? path.join(repoRoot, '.testbed/openstack');

/** The test bed's clouds.yaml: its clouds and their credentials. */
export const TESTBED_CLOUDS_YAML = path.join(TESTBED_STATE, 'clouds.yaml');

/**
 * Fails, saying how to start it, unless the test bed is up; then returns
 * its seed (what seed.py made, from seed.json).
 */
export function testbedSeed(): any {
  for (const file of [
    TESTBED_CLOUDS_YAML,
    path.join(TESTBED_STATE, 'seed.json'),
  ]) {
    assert.ok(
      existsSync(file),
      `${file} is missing: start the OpenStack test bed first (sudo ./scripts/openstack-testbed.sh)`,
    );
  }
  return JSON.parse(
    readFileSync(path.join(TESTBED_STATE, 'seed.json'), 'utf8'),
  );
}

/** The clouds of the test bed's clouds.yaml. */
export function testbedClouds(): Record<string, any> {
  return parse(readFileSync(TESTBED_CLOUDS_YAML, 'utf8')).clouds;
}

/** The test bed's Keystone credentials, as clouds.yaml holds them. */
export function testbedAuth(): { demo: any; teamB: any } {
  const clouds = testbedClouds();
  return { demo: clouds['osl-demo'].auth, teamB: clouds['osl-team-b'].auth };
}

/**
 * The test bed's pricing and the demo project's monthly budget, as the
 * portal's app-config.testbed.yaml sets them.
 */
export function testbedPricing(): {
  pricing: any;
  demoBudget: number;
} {
  const lab = parse(
    readFileSync(path.join(repoRoot, 'app-config.testbed.yaml'), 'utf8'),
  ).openstack.clouds.find((c: any) => c.name === 'lab');
  return {
    pricing: lab.pricing,
    demoBudget: lab.projects.find((p: any) => p.name === 'demo').monthlyBudget,
  };
}

/** The `lab` cloud of `openstack.clouds`, reached at `authUrl`. */
export function labCloud(authUrl: string, extra: Record<string, unknown> = {}) {
  const { demo, teamB } = testbedAuth();
  const { pricing, demoBudget } = testbedPricing();
  return {
    name: 'lab',
    authUrl,
    regions: ['RegionOne'],
    pricing,
    ...extra,
    projects: [
      {
        name: 'demo',
        owners: ['group:default/team-a'],
        monthlyBudget: demoBudget,
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

/** A token and the public endpoint of each service type in its catalog. */
function withEndpoints(
  token: string,
  catalog: KeystoneCatalogEntry[],
): { token: string; endpoint(type: string): string } {
  return {
    token,
    endpoint(type) {
      const service = catalog.find(c => c.type === type);
      const url = service?.endpoints.find(e => e.interface === 'public')?.url;
      if (!url) throw new Error(`the test bed has no public ${type} endpoint`);
      return url.replace(/\/+$/, '');
    },
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
  const { token, catalog } = await keystonePasswordToken({
    authUrl: demo.auth_url,
    username: demo.username,
    password: demo.password,
    userDomain: demo.user_domain_name,
    project: 'demo',
    projectDomain: demo.project_domain_name,
  });
  return withEndpoints(token, catalog);
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
  const { token } = await keystonePasswordToken({
    authUrl: env.OS_AUTH_URL,
    username: env.OS_USERNAME,
    password: env.OS_PASSWORD,
    userDomain: env.OS_USER_DOMAIN_NAME,
    project: env.OS_PROJECT_NAME ?? 'admin',
    projectDomain: env.OS_PROJECT_DOMAIN_NAME,
  });
  return token;
}

/**
 * A Keystone token of team B's application credential (project team-b), and
 * the public endpoint of each service type: what a member of team B may do.
 */
export async function teamBSession(): Promise<{
  token: string;
  endpoint(type: string): string;
}> {
  const { demo, teamB } = testbedAuth();
  const res = await fetch(`${demo.auth_url.replace(/\/+$/, '')}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['application_credential'],
          application_credential: {
            id: teamB.application_credential_id,
            secret: teamB.application_credential_secret,
          },
        },
      },
    }),
  });
  if (res.status !== 201) {
    throw new Error(`Keystone refused team B's credential: HTTP ${res.status}`);
  }
  return withEndpoints(
    res.headers.get('x-subject-token')!,
    (await res.json()).token.catalog,
  );
}

/**
 * Creates a server in the demo project tagged for an entity, as Canopy's
 * Terraform tags it (the tag is set on create, compute microversion 2.52:
 * Nova drops tags PUT while a server builds). Returns its id.
 */
export async function createTaggedServer(
  name: string,
  tag: string,
): Promise<string> {
  const session = await demoSession();
  const headers = {
    'X-Auth-Token': session.token,
    'Content-Type': 'application/json',
  };
  const get = async (url: string) => (await fetch(url, { headers })).json();
  const flavors = await get(`${session.endpoint('compute')}/flavors`);
  const images = await get(
    `${session.endpoint('image')}/v2/images?name=tiny-raw`,
  );
  const networks = await get(
    `${session.endpoint('network')}/v2.0/networks?name=demo-net`,
  );
  const res = await fetch(`${session.endpoint('compute')}/servers`, {
    method: 'POST',
    headers: { ...headers, 'OpenStack-API-Version': 'compute 2.52' },
    body: JSON.stringify({
      server: {
        name,
        flavorRef: flavors.flavors.find((f: any) => f.name === 'm1.tiny').id,
        imageRef: images.images[0].id,
        networks: [{ uuid: networks.networks[0].id }],
        tags: [tag],
      },
    }),
  });
  if (res.status !== 202) {
    throw new Error(`Nova refused server ${name}: ${await res.text()}`);
  }
  return (await res.json()).server.id;
}

/** Deletes the servers a test created (best effort). */
export async function deleteServers(ids: string[]): Promise<void> {
  if (!ids.length) return;
  const session = await demoSession();
  for (const id of ids) {
    await fetch(`${session.endpoint('compute')}/servers/${id}`, {
      method: 'DELETE',
      headers: { 'X-Auth-Token': session.token },
    }).catch(() => undefined);
  }
}
