/**
 * Boots Canopy's real backend feature list (src/features.ts) in-process, once on
 * SQLite and once on the loopback PostgreSQL, with the repository's own
 * app-config.yaml, and checks that the catalog serves Canopy's entities and that
 * the OpenStack plugin answers.
 *
 * PostgreSQL comes from CANOPY_TEST_POSTGRES_URL: the PostgreSQL case runs
 * when it is set (scripts/test.sh sets it to the loopback server) and then
 * fails when that server does not answer.
 */
import { CANOPY_ACTION_IDS } from '@canopy-idp/plugin-scaffolder-node';
import { randomBytes } from 'node:crypto';
import { startCanopyBackend } from './__testUtils__/backend';
import {
  dropDatabases,
  POSTGRES_URL_SET,
  postgresDatabase,
} from './__testUtils__/postgres';
import { until } from '@canopy-idp/plugin-delivery-common/testUtils';

const EXPECTED = [
  'component:default/canopy-app',
  'component:default/canopy-backend',
  'component:default/canopy-plugin-openstack',
  'component:default/canopy-plugin-openstack-backend',
  'component:default/canopy-plugin-openstack-common',
  'component:default/canopy-plugin-openstack-node',
  'component:default/canopy-plugin-catalog-backend-module-openstack',
  'component:default/canopy-plugin-scaffolder-backend-module-canopy',
  'component:default/canopy-plugin-scaffolder-module-kubernetes',
  'group:default/canopy-team',
  'system:default/canopy',
];

function hasCanopyEntities(refs: string[]) {
  return EXPECTED.every(ref => refs.includes(ref));
}

async function catalogRefs(baseUrl: string, token: string) {
  const res = await fetch(
    `${baseUrl}/api/catalog/entities/by-query?fields=kind,metadata.name,metadata.namespace&limit=100`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  if (res.status !== 200) {
    throw new Error(`catalog answered ${res.status}: ${await res.text()}`);
  }
  const body = await res.json();
  return body.items
    .map(
      (e: any) =>
        `${e.kind.toLocaleLowerCase('en-US')}:${e.metadata.namespace}/${
          e.metadata.name
        }`,
    )
    .sort() as string[];
}

/**
 * Boots the backend on the given database, signs in as guest and waits until
 * the catalog has ingested Canopy's entities.
 */
async function bootAndReadCatalog(database: object) {
  const backend = await startCanopyBackend({ database });
  const { baseUrl } = backend;
  try {
    const token = backend.token!;
    const health = await fetch(`${baseUrl}/api/openstack/health`);

    const refs = await until(
      "the catalog to hold Canopy's entities",
      async () => {
        const read = await catalogRefs(baseUrl, token);
        return hasCanopyEntities(read) ? read : undefined;
      },
    );
    const actionsRes = await fetch(`${baseUrl}/api/scaffolder/v2/actions`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const actions: Array<{
      id: string;
      schema?: { input?: object };
      examples?: unknown[];
    }> = actionsRes.status === 200 ? await actionsRes.json() : [];
    return {
      healthStatus: health.status,
      signInStatus: backend.signInStatus,
      refs,
      canopyActions: actions.filter(a => a.id.startsWith('canopy:')),
    };
  } finally {
    await backend.stop();
  }
}

describe('Canopy backend boots and serves its own catalog', () => {
  it('on SQLite (the development configuration)', async () => {
    const result = await bootAndReadCatalog({
      client: 'better-sqlite3',
      connection: ':memory:',
    });
    expect(result.healthStatus).toBe(200);
    expect(result.signInStatus).toBe(200);
    expect(result.refs).toEqual(expect.arrayContaining(EXPECTED));
    // Every Canopy action is listed with its input schema and examples.
    expect(result.canopyActions.map(a => a.id).sort()).toEqual(
      [...CANOPY_ACTION_IDS].sort(),
    );
    for (const action of result.canopyActions) {
      expect(action.schema?.input).toBeDefined();
      expect(action.examples?.length).toBeGreaterThan(0);
    }
  }, 120_000);

  // Run when CANOPY_TEST_POSTGRES_URL names a server (the test command sets
  // it); `yarn test` alone needs no database server.
  const onPostgres = POSTGRES_URL_SET ? describe : describe.skip;
  onPostgres('on PostgreSQL (the production database)', () => {
    it('serves the catalog and the OpenStack plugin', async () => {
      const prefix = `canopy_boot_${randomBytes(4).toString('hex')}_`;
      try {
        const result = await bootAndReadCatalog(postgresDatabase(prefix));
        expect(result.healthStatus).toBe(200);
        expect(result.signInStatus).toBe(200);
        expect(result.refs).toEqual(expect.arrayContaining(EXPECTED));
      } finally {
        await dropDatabases(prefix);
      }
    }, 120_000);
  });
});
