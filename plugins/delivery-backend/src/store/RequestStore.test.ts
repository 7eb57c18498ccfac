import { TestDatabases } from '@backstage/backend-test-utils';
import { aRequest } from '../__testUtils__/requests';
import { RequestStore } from './RequestStore';

jest.setTimeout(60_000);

// PostgreSQL on loopback (CANOPY_TEST_POSTGRES_URL), as the e2e tests use it,
// and SQLite.
process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??=
  process.env.CANOPY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('RequestStore on %s', id => {
  it('finds the open requests expecting an Argo CD application by its exact name', async () => {
    const knex = await databases.init(id);
    const store = await RequestStore.create({ getClient: async () => knex });
    const expecting = (n: number, names: string[], state = 'open') =>
      store.insert(
        aRequest(
          { argoCdApplications: names.map(name => ({ name })) },
          { id: `r-${n}`, taskId: `t-${n}`, state: state as 'open' },
        ),
      );
    await expecting(1, ['blog-dev', 'blog-test']);
    await expecting(2, ['blog']);
    await expecting(3, ['blog-dev'], 'ready');
    await expecting(4, ['blogXdev']);
    const ids = async (name: string) =>
      (await store.openExpectingApplication(name)).map(r => r.id);
    expect(await ids('blog-dev')).toEqual(['r-1']);
    expect(await ids('blog')).toEqual(['r-2']);
    // LIKE's wildcards in a name are matched as characters.
    expect(await ids('blog_dev')).toEqual([]);
    expect(await ids('blog%')).toEqual([]);
    expect(await ids('nothing')).toEqual([]);
  });
});
