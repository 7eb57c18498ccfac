import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { OwnershipResolver } from './OwnershipResolver';

const ORIGIN = 'backstage.io/managed-by-origin-location';
const REGISTERED = 'url:https://git.example.com/attacker/catalog-info.yaml';

const group = (
  name: string,
  origin: string,
  relations: Array<[string, string]> = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, annotations: { [ORIGIN]: origin } },
  relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
});

/** A catalog after the bridge attack, where catalog.rules let a registered location add a Group. */
function catalog(entities: Record<string, Entity>) {
  return {
    getEntitiesByRefs: jest.fn(async ({ entityRefs }) => ({
      items: entityRefs.map((r: string) => entities[r]),
    })),
    getLocations: jest.fn(async () => ({
      items: [
        {
          id: '1',
          type: 'url',
          target: 'https://git.example.com/attacker/catalog-info.yaml',
        },
      ],
    })),
  } as unknown as CatalogService;
}

const entities: Record<string, Entity> = {
  'group:default/team-a': group('team-a', 'keystone-org:lab/Default', [
    ['childOf', 'group:default/bridge'],
    ['childOf', 'group:default/engineering'],
  ]),
  'group:default/engineering': group('engineering', 'file:/srv/org.yaml'),
  'group:default/bridge': group('bridge', REGISTERED, [
    ['childOf', 'group:default/team-b'],
  ]),
  'group:default/team-b': group('team-b', 'keystone-org:lab/Default'),
  'user:default/alice': {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name: 'alice',
      annotations: { [ORIGIN]: 'keystone-org:lab/Default' },
    },
    relations: [
      { type: 'memberOf', targetRef: 'group:default/team-a' },
      // A registered Group listing alice among its members.
      { type: 'memberOf', targetRef: 'group:default/bridge' },
    ],
  },
};

function resolver() {
  return new OwnershipResolver({
    catalog: catalog(entities),
    auth: mockServices.auth(),
  });
}

describe('OwnershipResolver', () => {
  it('follows childOf only to groups no registered location added', async () => {
    const refs = await resolver().expand(['group:default/team-a']);
    expect([...refs].sort()).toEqual([
      'group:default/engineering',
      'group:default/team-a',
    ]);
  });

  // Both sign in naming team-b; the catalog's groups of alice replace it.
  it.each([
    [
      "takes a user's current trusted memberOf groups from the catalog",
      'user:default/alice',
      [
        'group:default/engineering',
        'group:default/team-a',
        'user:default/alice',
      ],
    ],
    [
      'uses the sign-in refs of a user the catalog does not have',
      'user:default/guest',
      ['group:default/team-b', 'user:default/guest'],
    ],
  ])('%s', async (_, user, expected) => {
    const refs = await resolver().ofUserRef(user, ['group:default/team-b']);
    expect([...refs].sort()).toEqual(expected);
  });
});
