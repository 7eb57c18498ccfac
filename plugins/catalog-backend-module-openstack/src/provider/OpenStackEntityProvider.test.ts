import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import knexFactory, { type Knex } from 'knex';
import {
  FakeInventory,
  listing,
  NETWORK,
  resources,
  SERVER,
  SUBNET,
  VOLUME,
} from '../__testUtils__/listing';
import { resourceRef } from '../entities/names';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { OpenStackEntityProvider } from './OpenStackEntityProvider';
import { CatalogTagClaims } from './TagClaims';
import { ProviderStore } from './ProviderStore';

/** The catalog as the provider's delta mutations leave it. */
class FakeCatalog implements EntityProviderConnection {
  readonly entities = new Map<string, Entity>();
  mutations = 0;
  lastAdded = 0;
  async applyMutation(
    m: Parameters<EntityProviderConnection['applyMutation']>[0],
  ) {
    if (m.type !== 'delta') throw new Error('expected a delta mutation');
    this.mutations += 1;
    this.lastAdded = m.added.length;
    for (const { entity } of m.added) {
      const ns = entity.metadata.namespace ?? 'default';
      this.entities.set(
        `${entity.kind.toLowerCase()}:${ns}/${entity.metadata.name}`,
        entity,
      );
    }
    for (const r of m.removed) {
      this.entities.delete('entityRef' in r ? r.entityRef : '');
    }
  }
  async refresh() {}
}

const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner },
});

/** The catalog's Components, for the tag claims: payments is team A's. */
let components: Entity[] = [];
const claims = () =>
  new CatalogTagClaims({
    catalog: catalogServiceMock({ entities: components }),
    auth: mockServices.auth(),
  });

describe('OpenStackEntityProvider', () => {
  let db: Knex;
  let inventory: FakeInventory;
  let catalog: FakeCatalog;
  let provider: OpenStackEntityProvider;
  let clock: number;

  /** A provider over the fake inventory, with the tag claims of `components`. */
  const makeProvider = async (
    extra: Partial<
      ConstructorParameters<typeof OpenStackEntityProvider>[0]
    > = {},
  ) =>
    new OpenStackEntityProvider({
      cloud: 'lab',
      inventory,
      store: await ProviderStore.create(db),
      logger: mockServices.logger.mock(),
      taskRunner: { run: async () => {} },
      defaultOwner: 'group:default/openstack-admins',
      claims: claims(),
      ...extra,
    });

  beforeEach(async () => {
    db = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    inventory = new FakeInventory();
    catalog = new FakeCatalog();
    clock = Date.parse('2026-11-30T10:00:00Z');
    components = [component('payments', 'group:default/team-a')];
    provider = await makeProvider({ now: () => new Date((clock += 1000)) });
    await provider.connect(catalog);
  });
  afterEach(() => db.destroy());

  const server = () => catalog.entities.get(resourceRef('servers', SERVER))!;

  it('emits the project as a System and each resource as a Resource, linked', async () => {
    const run = await provider.run();
    expect(run).toMatchObject({ added: 8, removed: 0, kept: 0, failures: [] });
    const system = catalog.entities.get('system:default/openstack-lab-demo')!;
    expect(system.spec).toEqual({ owner: 'group:default/team-a' });
    expect(server().spec).toEqual({
      type: 'openstack-server',
      owner: 'group:default/team-a',
      system: 'openstack-lab-demo',
      dependsOn: [
        resourceRef('networks', NETWORK),
        resourceRef('volumes', VOLUME),
      ].sort(),
      dependencyOf: ['component:default/payments'],
    });
    expect(server().metadata.annotations).toMatchObject({
      'openstack.canopy-idp.io/cloud': 'lab',
      'openstack.canopy-idp.io/project': 'demo',
      'openstack.canopy-idp.io/regions': 'RegionOne',
      'openstack.canopy-idp.io/resource': `servers/${SERVER}`,
    });
    expect(server().metadata.links).toEqual([
      {
        url: `https://horizon.example.net/dashboard/project/instances/${SERVER}/`,
        title: 'Horizon',
      },
    ]);
    const volume = catalog.entities.get(resourceRef('volumes', VOLUME))!;
    expect(volume.metadata.title).toBe('Prüfbericht données 日本');
    expect(volume.spec?.dependencyOf).toEqual(['component:default/payments']);
    const lb = [...catalog.entities.values()].find(
      e => e.spec?.type === 'openstack-load-balancer',
    )!;
    expect(lb.spec?.dependsOn).toEqual(
      [resourceRef('servers', SERVER), resourceRef('subnets', SUBNET)].sort(),
    );
    const fip = [...catalog.entities.values()].find(
      e => e.spec?.type === 'openstack-floating-ip',
    )!;
    expect(fip.metadata.title).toBe('172.24.4.10');
    expect(fip.spec?.dependsOn).toEqual([resourceRef('servers', SERVER)]);
  });

  it('sends nothing when nothing changed', async () => {
    await provider.run();
    const mutations = catalog.mutations;
    const again = await provider.run();
    expect(again).toMatchObject({ added: 0, removed: 0, entities: 8 });
    expect(catalog.mutations).toBe(mutations);
  });

  it('keeps what a failing service held, marked with when it was last seen, and keeps the links to it', async () => {
    const first = await provider.run();
    inventory.next = listing(resources(), { network: 'timeout' });
    const bad = await provider.run();
    expect(bad.removed).toBe(0);
    expect(bad.kept).toBe(4); // network, subnet, router, floating IP
    expect(catalog.entities.size).toBe(8);
    const net = catalog.entities.get(resourceRef('networks', NETWORK))!;
    expect(net.metadata.annotations).toMatchObject({
      'openstack.canopy-idp.io/last-seen': first.startedAt,
      'openstack.canopy-idp.io/last-read-error':
        expect.stringContaining('network: timeout'),
    });
    expect(server().spec?.dependsOn).toContain(
      resourceRef('networks', NETWORK),
    );
    expect(server().metadata.annotations).not.toHaveProperty([
      'openstack.canopy-idp.io/last-seen',
    ]);
  });

  it('keeps everything of a project that could not be read at all', async () => {
    await provider.run();
    inventory.next = new Error('Keystone is down');
    const bad = await provider.run();
    expect(bad).toMatchObject({ removed: 0, kept: 7 });
    expect(catalog.entities.size).toBe(8);
  });

  it('removes what is really gone after a good read, and clears the marks', async () => {
    await provider.run();
    inventory.next = listing(resources(), { volumev3: 'error' });
    await provider.run();
    const gone = resources();
    gone.volumes = [];
    gone.servers[0].volumeIds = [];
    inventory.next = listing(gone);
    const good = await provider.run();
    expect(good.removed).toBe(1);
    expect(catalog.entities.has(resourceRef('volumes', VOLUME))).toBe(false);
    expect(server().spec?.dependsOn).toEqual([
      resourceRef('networks', NETWORK),
    ]);
  });

  it('removes the entities of a project that is no longer mapped', async () => {
    await provider.run();
    inventory.cloud = { ...inventory.cloud, projects: [] };
    const run = await provider.run();
    expect(run.removed).toBe(7 + 1);
    expect(catalog.entities.size).toBe(0);
  });

  it('records each run', async () => {
    const store = await ProviderStore.create(db);
    await provider.run();
    await provider.run();
    const runs = await store.runs('openstack-provider:lab');
    expect(runs.map(r => r.added)).toEqual([0, 8]);
  });

  /** The server's entity as a new provider emits it, with the components as they now are. */
  async function serverFromFreshRun() {
    const fresh = await makeProvider();
    const target = new FakeCatalog();
    await fresh.connect(target);
    await fresh.run();
    return target.entities.get(resourceRef('servers', SERVER))!;
  }

  it("draws no relation into an entity whose owner does not own the resource's project, and says why", async () => {
    // payments now belongs to team B, which does not own the project demo.
    components = [component('payments', 'group:default/team-b')];
    const s = await serverFromFreshRun();
    expect(s.spec?.dependencyOf).toBeUndefined();
    expect(
      s.metadata.annotations?.['openstack.canopy-idp.io/unclaimed-tags'],
    ).toBe(
      "component:default/payments: its owner group:default/team-b does not own project 'demo' of cloud 'lab' (rule: a resource's canopy.entity tag links it to an entity only when that entity's owner, or a group above it, owns the resource's project)",
    );
  });

  it('draws no relation to an entity the catalog does not have', async () => {
    components = [];
    const s = await serverFromFreshRun();
    expect(s.spec?.dependencyOf).toBeUndefined();
    expect(
      s.metadata.annotations?.['openstack.canopy-idp.io/unclaimed-tags'],
    ).toMatch(/^component:default\/payments: not in the catalog/);
  });

  it('in full mode sends every entity each run, kept ones marked', async () => {
    const full = await makeProvider({ mutation: 'full', claims: undefined });
    const sent: Entity[][] = [];
    await full.connect({
      async applyMutation(m) {
        if (m.type !== 'full') throw new Error('expected a full mutation');
        sent.push(m.entities.map(e => e.entity));
      },
      async refresh() {},
    });
    await full.run();
    inventory.next = listing(resources(), { compute: 'error' });
    await full.run();
    expect(sent.map(s => s.length)).toEqual([8, 8]);
    const kept = sent[1].find(e => e.spec?.type === 'openstack-server')!;
    expect(kept.metadata.annotations).toHaveProperty([
      'openstack.canopy-idp.io/last-seen',
    ]);
  });
});
