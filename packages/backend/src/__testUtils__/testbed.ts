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
