import { aRequest } from '../__testUtils__/requests';
import { storeDatabases } from '../__testUtils__/testbeds';
import { RequestStore } from './RequestStore';

const databases = storeDatabases();

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
