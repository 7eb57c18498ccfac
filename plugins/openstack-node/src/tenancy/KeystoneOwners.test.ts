import { mockServices } from '@backstage/backend-test-utils';
import type { CloudConfig, MappedProject } from '../config/types';
import type {
  IdentityClient,
  KeystoneRoleAssignment,
} from '../keystone/IdentityClient';
import { KeystoneOwners } from './KeystoneOwners';

const DEFAULT = { id: 'd1', name: 'Default' };

function project(extra: Partial<MappedProject> = {}): MappedProject {
  return {
    cloud: 'lab',
    key: 'name:default/demo',
    name: 'demo',
    owners: [],
    ownersFrom: { roles: ['member'] },
    open: false,
    claimableTags: [],
    auth: { type: 'password', username: 'demo', password: 'x' },
    where: 'openstack.clouds[lab].projects[0] (demo)',
    ...extra,
  };
}

function setup(assignments: () => Promise<KeystoneRoleAssignment[]>) {
  const demo = project();
  const listed = project({
    key: 'id:p2',
    id: 'p2',
    ownersFrom: undefined,
    owners: ['group:default/ops'],
  });
  const cloud: CloudConfig = {
    name: 'lab',
    authUrl: 'http://keystone/v3',
    interface: 'public',
    projects: [demo, listed],
  };
  const client = {
    projectId: jest.fn(async () => 'p1'),
    projectRoleAssignments: jest.fn(assignments),
  };
  const logger = mockServices.logger.mock();
  const owners = new KeystoneOwners([cloud], {
    identity: () => client as unknown as IdentityClient,
    logger,
  });
  return { demo, listed, client, owners, logger };
}

const assignment = (
  role: string,
  holder: { group?: string; user?: string },
  domain = DEFAULT,
): KeystoneRoleAssignment => ({
  role: { id: `r-${role}`, name: role },
  ...(holder.group
    ? { group: { id: `g-${holder.group}`, name: holder.group, domain } }
    : {}),
  ...(holder.user
    ? { user: { id: `u-${holder.user}`, name: holder.user, domain } }
    : {}),
  scope: { project: { id: 'p1' } },
});

describe('KeystoneOwners', () => {
  it("makes the holders of the roles the project's owners, as catalog refs", async () => {
    const { demo, listed, owners, client } = setup(async () => [
      assignment('member', { group: 'team-a' }),
      assignment('member', { user: 'Alice@Example.com' }),
      assignment('reader', { group: 'auditors' }),
      assignment('member', { group: 'lab-ops' }, { id: 'd2', name: 'Ops' }),
    ]);
    await owners.refresh();
    expect(demo.owners).toEqual([
      'group:default/team-a',
      'group:ops/lab-ops',
      'user:default/alice_example.com',
    ]);
    // A project with listed owners is never asked about.
    expect(listed.owners).toEqual(['group:default/ops']);
    expect(client.projectRoleAssignments).toHaveBeenCalledTimes(1);
    expect(client.projectRoleAssignments).toHaveBeenCalledWith('p1');
  });

  it('follows a change at the next refresh, and resolves the project id once', async () => {
    let current = [assignment('member', { group: 'team-a' })];
    const { demo, owners, client } = setup(async () => current);
    await owners.refresh();
    current = [assignment('member', { group: 'team-b' })];
    await owners.refresh();
    expect(demo.owners).toEqual(['group:default/team-b']);
    expect(client.projectId).toHaveBeenCalledTimes(1);
  });

  it('denies until a read succeeds, and keeps the last owners when Keystone fails', async () => {
    let fail = true;
    const { demo, owners, logger } = setup(async () => {
      if (fail) throw new Error('Keystone identity API: HTTP 503');
      return [assignment('member', { group: 'team-a' })];
    });
    await owners.refresh();
    expect(demo.owners).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('it has no owners until a read succeeds'),
    );
    fail = false;
    await owners.refresh();
    fail = true;
    await owners.refresh();
    expect(demo.owners).toEqual(['group:default/team-a']);
    expect(logger.warn).toHaveBeenLastCalledWith(
      expect.stringContaining('keeping the last ones (group:default/team-a)'),
    );
  });
});
