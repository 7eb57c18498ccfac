import { mockServices } from '@backstage/backend-test-utils';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import type {
  KeystoneGroup,
  KeystoneUser,
} from '@canopy-idp/plugin-openstack-node';
import {
  KeystoneOrgEntityProvider,
  type KeystoneOrgReader,
} from './KeystoneOrgEntityProvider';

const DOMAIN = { id: 'd1', name: 'Default' };
const OTHER = { id: 'd2', name: 'Research Lab' };

function keystone() {
  const groups: Record<string, KeystoneGroup[]> = {
    d1: [
      { id: 'ga', name: 'team-a', domain_id: 'd1', description: 'Team A' },
      { id: 'gb', name: 'Team B', domain_id: 'd1' },
    ],
    d2: [{ id: 'gr', name: 'team-a', domain_id: 'd2' }],
  };
  const users: Record<string, KeystoneUser[]> = {
    d1: [
      { id: 'ua', name: 'alice', domain_id: 'd1', email: 'alice@example.com' },
      { id: 'ub', name: 'Bob@Example.com', domain_id: 'd1' },
      { id: 'uc', name: 'carol', domain_id: 'd1', enabled: false },
    ],
    d2: [{ id: 'ur', name: 'alice', domain_id: 'd2' }],
  };
  const members: Record<string, string[]> = {
    ga: ['ua', 'uc'],
    gb: ['ub'],
    gr: ['ur'],
  };
  const reader: jest.Mocked<KeystoneOrgReader> = {
    domains: jest.fn(async names =>
      names.map(n => (n === 'Default' ? DOMAIN : OTHER)),
    ),
    groups: jest.fn(async id => groups[id] ?? []),
    users: jest.fn(async id => users[id] ?? []),
    usersInGroup: jest.fn(async id =>
      (members[id] ?? []).map(
        u => ({ id: u, name: u, domain_id: 'd1' } as KeystoneUser),
      ),
    ),
  };
  return { reader, members };
}

function provider(reader: KeystoneOrgReader, domains = ['Default']) {
  const p = new KeystoneOrgEntityProvider({
    cloud: 'lab',
    domains,
    groupType: 'team',
    reader,
    taskRunner: { run: jest.fn() },
    logger: mockServices.logger.mock(),
  });
  const connection = {
    applyMutation: jest.fn(),
    refresh: jest.fn(),
  } as jest.Mocked<EntityProviderConnection>;
  return { p, connection };
}

describe('KeystoneOrgEntityProvider', () => {
  it('writes Keystone groups as Groups and users as Users with memberOf', async () => {
    const { reader } = keystone();
    const { p, connection } = provider(reader);
    await p.connect(connection);
    await expect(p.refresh()).resolves.toEqual({ groups: 2, users: 2 });
    const [[mutation]] = connection.applyMutation.mock.calls;
    expect(mutation.type).toBe('full');
    const entities = mutation.type === 'full' ? mutation.entities : [];
    const byRef = new Map(
      entities.map(e => [
        `${e.entity.kind}:${e.entity.metadata.namespace}/${e.entity.metadata.name}`,
        e.entity,
      ]),
    );
    expect([...byRef.keys()].sort()).toEqual([
      'Group:default/team-a',
      'Group:default/team_b',
      'User:default/alice',
      'User:default/bob_example.com',
    ]);
    expect(byRef.get('User:default/alice')?.spec).toEqual({
      profile: { displayName: 'alice', email: 'alice@example.com' },
      memberOf: ['group:default/team-a'],
    });
    expect(byRef.get('User:default/bob_example.com')?.spec?.memberOf).toEqual([
      'group:default/team_b',
    ]);
    expect(
      byRef.get('Group:default/team-a')?.metadata.annotations,
    ).toMatchObject({
      'backstage.io/managed-by-location': 'keystone-org:lab/Default',
      'backstage.io/managed-by-origin-location': 'keystone-org:lab/Default',
      'openstack.canopy-idp.io/keystone-id': 'ga',
    });
    // carol is disabled in Keystone: no User, so no sign-in and no team.
    expect(byRef.has('User:default/carol')).toBe(false);
    expect(entities.every(e => e.locationKey === 'keystone-org:lab')).toBe(
      true,
    );
  });

  it("puts another domain's entities in that domain's namespace", async () => {
    const { reader } = keystone();
    const { p, connection } = provider(reader, ['Default', 'Research Lab']);
    await p.connect(connection);
    await p.refresh();
    const [[mutation]] = connection.applyMutation.mock.calls;
    const refs = (mutation.type === 'full' ? mutation.entities : []).map(
      e => `${e.entity.metadata.namespace}/${e.entity.metadata.name}`,
    );
    expect(refs).toContain('research-lab/team-a');
    expect(refs).toContain('research-lab/alice');
    expect(refs).toContain('default/alice');
  });

  it('changes nothing in the catalog when any Keystone read fails', async () => {
    const { reader } = keystone();
    reader.usersInGroup.mockRejectedValueOnce(
      new Error('Keystone identity API: HTTP 503'),
    );
    const { p, connection } = provider(reader);
    await p.connect(connection);
    await expect(p.refresh()).rejects.toThrow('HTTP 503');
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });

  it('drops a membership removed in Keystone at the next run', async () => {
    const { reader, members } = keystone();
    const { p, connection } = provider(reader);
    await p.connect(connection);
    await p.refresh();
    members.ga = [];
    await p.refresh();
    const last = connection.applyMutation.mock.calls[1][0];
    const alice = (last.type === 'full' ? last.entities : []).find(
      e => e.entity.metadata.name === 'alice',
    );
    expect(alice?.entity.spec?.memberOf).toEqual([]);
  });

  it('ingests none of the users whose names collide once normalised', async () => {
    const { reader } = keystone();
    reader.users.mockResolvedValueOnce([
      { id: 'x1', name: 'Dana', domain_id: 'd1' },
      { id: 'x2', name: 'dana', domain_id: 'd1' },
      { id: 'x3', name: 'erin', domain_id: 'd1' },
    ]);
    const { p, connection } = provider(reader);
    await p.connect(connection);
    await p.refresh();
    const [[mutation]] = connection.applyMutation.mock.calls;
    const users = (mutation.type === 'full' ? mutation.entities : [])
      .filter(e => e.entity.kind === 'User')
      .map(e => e.entity.metadata.name);
    expect(users).toEqual(['erin']);
  });
});
