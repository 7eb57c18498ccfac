/**
 * What several of the plugin's tests stand on: the databases it supports,
 * and a cloud's project map.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { ProjectMap } from '@canopy-idp/plugin-openstack-node';

/**
 * SQLite, and PostgreSQL on loopback (CANOPY_TEST_POSTGRES_URL, as the
 * backend's e2e tests use it): the store's behaviour is shown on both.
 * Call once per test file, at its top level.
 */
export function storeDatabases(): TestDatabases {
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??=
    process.env.CANOPY_TEST_POSTGRES_URL ??
    'postgres://postgres@127.0.0.1:5432';
  return TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
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
