import { ConfigReader } from '@backstage/config';
import { labProjects } from '../__testUtils__/testbeds';
import { TenancyMap } from './TenancyMap';

const owners = (tenancy: object) =>
  TenancyMap.fromConfig(
    new ConfigReader({ delivery: { tenancy } }),
    labProjects(),
  );

const teamA = new Set(['user:default/ann', 'group:default/team-a']);
const teamAB = new Set(['user:default/abe', 'group:default/team-a-b']);
const teamB = new Set(['user:default/bob', 'group:default/team-b']);

describe('TenancyMap', () => {
  const map = owners({
    namespaces: [
      { namespace: 'team-a-*', owners: ['team-a'] },
      { namespace: 'team-a-b-*', owners: ['group:default/team-a-b'] },
      { namespace: 'team-a-shared', owners: ['*'] },
      { namespace: 'monitoring', cluster: 'prod', owners: ['team-b'] },
    ],
    argoCdProjects: [
      { project: 'team-a', owners: ['group:default/team-a'] },
      { project: 'team-b', instance: 'prod', owners: ['group:default/team-b'] },
    ],
  });

  it('lets the most specific entry decide: a whole name, the longest beginning, the cluster', () => {
    expect(map.ownsNamespace('lab', 'team-a-dev', teamA)).toBe(true);
    expect(map.ownsNamespace('lab', 'team-a-b-dev', teamA)).toBe(false);
    expect(map.ownsNamespace('lab', 'team-a-b-dev', teamAB)).toBe(true);
    expect(map.ownsNamespace('lab', 'team-a-shared', teamB)).toBe(true);
    expect(map.ownsNamespace('prod', 'monitoring', teamB)).toBe(true);
    expect(map.ownsNamespace('lab', 'monitoring', teamB)).toBe(false);
  });

  it('denies by default: a beginning is not the whole name, and an unmapped name is nobody’s', () => {
    expect(map.ownsNamespace('lab', 'team-a', teamA)).toBe(false);
    expect(map.ownsNamespace('lab', 'dev', teamA)).toBe(false);
    expect(map.ownsAppProject('lab', 'default', teamA)).toBe(false);
  });

  it("gives a namespace named like a mapped OpenStack project to the project's owners", () => {
    expect(map.ownsNamespace(undefined, 'demo', teamA)).toBe(true);
    expect(map.ownsNamespace(undefined, 'team-b', teamA)).toBe(false);
    expect(map.ownsNamespace(undefined, 'team-b', teamB)).toBe(true);
    const off = owners({ namespacesFromOpenStackProjects: false });
    expect(off.ownsNamespace(undefined, 'demo', teamA)).toBe(false);
  });

  it('maps AppProjects per instance', () => {
    expect(map.ownsAppProject('lab', 'team-a', teamA)).toBe(true);
    expect(map.ownsAppProject('lab', 'team-a', teamB)).toBe(false);
    expect(map.ownsAppProject('prod', 'team-b', teamB)).toBe(true);
    expect(map.ownsAppProject('lab', 'team-b', teamB)).toBe(false);
  });

  it('maps repositories without case, GitLab subgroups included', () => {
    const repos = owners({
      repositories: [
        { repository: 'github.com/Team-A/*', owners: ['team-a'] },
        { repository: 'github.com/team-a/shared', owners: ['*'] },
        {
          repository: 'gitlab.example:8443/platform/team-b/*',
          owners: ['team-b'],
        },
      ],
    });
    expect(repos.ownsRepository('github.com', 'team-a/infra', teamA)).toBe(
      true,
    );
    expect(repos.ownsRepository('GitHub.com', 'TEAM-A/Infra', teamA)).toBe(
      true,
    );
    expect(repos.ownsRepository('github.com', 'team-a/infra', teamB)).toBe(
      false,
    );
    expect(repos.ownsRepository('github.com', 'team-a/shared', teamB)).toBe(
      true,
    );
    expect(repos.ownsRepository('github.com', 'team-b/infra', teamB)).toBe(
      false,
    );
    expect(
      repos.ownsRepository(
        'gitlab.example:8443',
        'platform/team-b/apps/web',
        teamB,
      ),
    ).toBe(true);
    expect(
      repos.ownsRepository('gitlab.example', 'platform/team-b/web', teamB),
    ).toBe(false);
  });

  it('denies a path that names no single repository', () => {
    const repos = owners({
      repositories: [{ repository: 'github.com/team-a/*', owners: ['team-a'] }],
    });
    for (const path of [
      'team-a/../team-b/infra',
      'team-a/./x',
      'team-a//x',
      'team-a%2fb/x',
      'team-a/',
    ]) {
      expect(repos.ownsRepository('github.com', path, teamA)).toBe(false);
    }
  });

  it.each([
    [
      {
        repositories: [
          { repository: 'github.com/team-a*', owners: ['team-a'] },
        ],
      },
      "delivery.tenancy.repositories[0].repository: 'github.com/team-a*' is not a repository host/owner/name, or host/owner/ and a name's beginning",
    ],
    [
      {
        repositories: [
          { repository: 'github.com/Team-A/*', owners: ['team-a'] },
          { repository: 'github.com/team-a/*', owners: ['team-b'] },
        ],
      },
      "delivery.tenancy.repositories[1]: 'github.com/team-a/*' is listed twice",
    ],
    [
      { repositories: [{ repository: 'team-a/infra', owners: ['team-a'] }] },
      "delivery.tenancy.repositories[0].repository: 'team-a/infra' is not a repository host/owner/name",
    ],
    [
      { namespaces: [{ namespace: 'Team-A', owners: ['team-a'] }] },
      "delivery.tenancy.namespaces[0].namespace: 'Team-A' is not a Kubernetes name",
    ],
    [
      { namespaces: [{ namespace: '*', owners: ['team-a'] }] },
      "delivery.tenancy.namespaces[0].namespace: '*' is not a Kubernetes name",
    ],
    [
      { namespaces: [{ namespace: 'a*b', owners: ['team-a'] }] },
      "delivery.tenancy.namespaces[0].namespace: 'a*b' is not a Kubernetes name",
    ],
    [
      {
        namespaces: [
          { namespace: 'x', owners: ['team-a'] },
          { namespace: 'x', owners: ['team-b'] },
        ],
      },
      "delivery.tenancy.namespaces[1]: 'x' is listed twice",
    ],
    [
      { argoCdProjects: [{ project: 'p', owners: [] }] },
      'delivery.tenancy.argoCdProjects[0].owners: list the catalog groups or users',
    ],
    [
      { argoCdProjects: [{ project: 'p', owners: ['component:default/x'] }] },
      "delivery.tenancy.argoCdProjects[0].owners: 'component:default/x' is a component; owners are groups or users",
    ],
    [
      { argoCdProjects: [{ project: 'p', owners: ['*', 'team-a'] }] },
      "delivery.tenancy.argoCdProjects[0].owners: '*' (everyone) cannot be combined with named owners",
    ],
  ])(
    'refuses a wrong entry at start-up, naming it (%#)',
    (tenancy, message) => {
      expect(() => owners(tenancy)).toThrow(message);
    },
  );
});
