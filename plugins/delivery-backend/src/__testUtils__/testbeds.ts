/**
 * What several of the plugin's tests stand on: the databases it supports,
 * and a cloud's project map.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ProjectMap } from '@canopy-idp/plugin-openstack-node';
import { RequestStore } from '../store/RequestStore';
import { TenancyMap } from '../tenancy/TenancyMap';

/**
 * SQLite always, and PostgreSQL when CANOPY_TEST_POSTGRES_URL names one (as
 * the repository's test command does, with the loopback server): the store's
 * behaviour is shown on both where both are at hand, and `yarn test` needs no
 * database server. Call once per test file, at its top level.
 */
export function storeDatabases(): TestDatabases {
  const postgresUrl = process.env.CANOPY_TEST_POSTGRES_URL;
  if (!postgresUrl) {
    return TestDatabases.create({ ids: ['SQLITE_3'] });
  }
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??=
    postgresUrl;
  return TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
}

/** A request store on a fresh SQLite database of `databases`. */
export async function sqliteStore(databases: TestDatabases) {
  const knex = await databases.init('SQLITE_3');
  return RequestStore.create({ getClient: async () => knex });
}

/** Cloud `lab`: project demo owned by team A, team-b by team B. */
export function labProjects(): ProjectMap {
  return new ProjectMap([
    {
      name: 'lab',
      projects: [
        { name: 'demo', owners: ['group:default/team-a'], open: false },
        { name: 'team-b', owners: ['group:default/team-b'], open: false },
      ],
    } as any,
  ]);
}

/**
 * The lab's repositories, namespaces and AppProjects: github.example/acme/*,
 * team-a-* and AppProject team-a are team A's, github.example/team-b/*,
 * team-b-* and team-b team B's; the OpenStack projects' namespaces (demo,
 * team-b) follow their owners.
 */
export function labTenancy(): TenancyMap {
  return TenancyMap.fromConfig(
    new ConfigReader({
      delivery: {
        tenancy: {
          namespaces: [
            { namespace: 'team-a-*', owners: ['group:default/team-a'] },
            { namespace: 'team-b-*', owners: ['group:default/team-b'] },
          ],
          repositories: [
            {
              repository: 'github.example/acme/*',
              owners: ['group:default/team-a'],
            },
            {
              repository: 'github.example/team-b/*',
              owners: ['group:default/team-b'],
            },
          ],
          argoCdProjects: [
            { project: 'team-a', owners: ['group:default/team-a'] },
            { project: 'team-b', owners: ['group:default/team-b'] },
          ],
        },
      },
    }),
    labProjects(),
  );
}

/** Ownership as the requester signed in with (no catalog): their refs, lower-cased. */
export const signedInTeams = {
  ofUserRef: async (user: string, refs: string[]) =>
    new Set([user, ...refs].map(r => r.toLocaleLowerCase('en-US'))),
};
