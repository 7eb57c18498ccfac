import { paginate, RegionApi } from './api';

/** A list of `total` items served in pages, with a next link on every full page (as Neutron does). */
function pagedApi(
  total: number,
  options: { pageSize: number; maxItems: number },
) {
  const asked: string[] = [];
  const items = Array.from({ length: total }, (_, i) => ({ id: `v${i}` }));
  const api: RegionApi = {
    region: 'RegionOne',
    projectId: 'p',
    ...options,
    async get(_service, path) {
      asked.push(path);
      const q = new URL(path, 'http://x').searchParams;
      const limit = Number(q.get('limit'));
      const marker = q.get('marker');
      const start = marker ? items.findIndex(i => i.id === marker) + 1 : 0;
      const page = items.slice(start, start + limit);
      return {
        volumes: page,
        ...(page.length === limit
          ? {
              volumes_links: [
                {
                  rel: 'next',
                  href: `http://x/volumes?limit=${limit}&marker=${
                    page.at(-1)!.id
                  }`,
                },
              ],
            }
          : {}),
      };
    },
  };
  const list = () =>
    paginate<{ id: string }>(
      api,
      'volumev3',
      '/volumes',
      {},
      'volumes',
      'volumes',
    );
  return { asked, list };
}

describe('paginate', () => {
  it('follows every page to the end', async () => {
    const { asked, list } = pagedApi(60, { pageSize: 27, maxItems: 1000 });
    const result = await list();
    expect(result.items).toHaveLength(60);
    expect(result.truncated).toBe(false);
    expect(asked).toEqual([
      '/volumes?limit=27',
      '/volumes?limit=27&marker=v26',
      '/volumes?limit=27&marker=v53',
    ]);
  });

  it('is not truncated at exactly the cap: it asks for one more item, finds none', async () => {
    const { asked, list } = pagedApi(54, { pageSize: 27, maxItems: 54 });
    const result = await list();
    expect(result).toEqual({ items: expect.any(Array), truncated: false });
    expect(result.items).toHaveLength(54);
    expect(asked.at(-1)).toBe('/volumes?limit=1&marker=v53');
  });

  it('is truncated when something lies beyond the cap', async () => {
    for (const total of [55, 100]) {
      const { list } = pagedApi(total, { pageSize: 27, maxItems: 54 });
      const result = await list();
      expect(result.items).toHaveLength(54);
      expect(result.truncated).toBe(true);
    }
  });

  it('cuts a page that passes the cap', async () => {
    const { list } = pagedApi(30, { pageSize: 27, maxItems: 20 });
    const result = await list();
    expect(result.items.map(i => i.id)).toEqual(
      Array.from({ length: 20 }, (_, i) => `v${i}`),
    );
    expect(result.truncated).toBe(true);
  });
});
