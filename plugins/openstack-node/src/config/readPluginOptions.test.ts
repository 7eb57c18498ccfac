import { ConfigReader } from '@backstage/config';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readPluginOptions, secretsOf } from './readPluginOptions';

const read = (openstack: any) =>
  readPluginOptions(new ConfigReader({ openstack }));

/** One mapped project, for the tests about other settings. */
const P = [{ name: 'demo', owners: ['group:default/team-a'] }];

describe('readPluginOptions', () => {
  it('reads application credential and password clouds with defaults', () => {
    const options = read({
      clouds: [
        {
          name: 'prod',
          projects: P,
          authUrl: 'https://keystone.example.net:5000/v3/',
          regions: ['RegionOne'],
          applicationCredential: { id: 'abc', secret: 'app-secret' },
          horizonUrl: 'https://horizon.example.net',
        },
        {
          name: 'lab',
          projects: P,
          authUrl: 'http://127.0.0.1:5000/v3',
          interface: 'internal',
          password: {
            username: 'canopy',
            password: 'pw-secret',
            projectName: 'platform',
          },
        },
      ],
    });
    expect(options.clouds[0]).toMatchObject({
      name: 'prod',
      projects: P,
      authUrl: 'https://keystone.example.net:5000/v3',
      interface: 'public',
      auth: { type: 'applicationCredential', id: 'abc' },
    });
    expect(options.clouds[1]).toMatchObject({
      interface: 'internal',
      auth: { type: 'password', username: 'canopy', projectName: 'platform' },
    });
    expect(options.requestTimeoutMs).toBe(10_000);
    expect(options.resourcesTtlMs).toBe(30_000);
    expect(secretsOf(options)).toEqual(['app-secret', 'pw-secret']);
  });

  it('reads how failures are held: stale answers, failed sources, 403s', () => {
    const cloud = {
      name: 'lab',
      projects: P,
      authUrl: 'http://127.0.0.1:5000/v3',
      applicationCredential: { id: 'abc', secret: 'app-secret' },
    };
    const defaults = read({ clouds: [cloud] });
    expect(defaults).toMatchObject({
      staleTtlMs: 3_600_000,
      breakerWindowMs: 30_000,
      forbiddenTtlMs: 300_000,
    });
    const set = read({
      clouds: [cloud],
      failedSourceRetrySeconds: 5,
      cache: { staleTtlSeconds: 0, forbiddenTtlSeconds: 60 },
    });
    expect(set).toMatchObject({
      staleTtlMs: 0,
      breakerWindowMs: 5_000,
      forbiddenTtlMs: 60_000,
    });
    expect(() =>
      read({ clouds: [cloud], failedSourceRetrySeconds: 0 }),
    ).toThrow(/failedSourceRetrySeconds/);
  });

  it('reads a standard clouds.yaml entry', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'canopy-clouds-'));
    const file = path.join(dir, 'clouds.yaml');
    writeFileSync(
      file,
      [
        'clouds:',
        '  mine:',
        '    auth:',
        '      auth_url: http://10.0.0.1:5000/v3',
        '      username: u',
        '      password: p',
        '      project_name: proj',
        '      user_domain_name: Default',
        '      project_domain_name: Default',
        '    region_name: RegionX',
        '    interface: internal',
        '  appcred:',
        '    auth_type: v3applicationcredential',
        '    auth:',
        '      auth_url: http://10.0.0.1:5000/v3',
        '      application_credential_id: id1',
        '      application_credential_secret: s1',
        '',
      ].join('\n'),
    );
    const options = read({
      clouds: [
        { name: 'mine', cloudsYaml: { file }, projects: P },
        {
          name: 'ac',
          cloudsYaml: { file, cloud: 'appcred' },
          regions: ['R1'],
          projects: P,
        },
      ],
    });
    expect(options.clouds[0]).toMatchObject({
      authUrl: 'http://10.0.0.1:5000/v3',
      regions: ['RegionX'],
      interface: 'internal',
      auth: {
        type: 'password',
        username: 'u',
        password: 'p',
        projectName: 'proj',
      },
    });
    expect(options.clouds[1]).toMatchObject({
      regions: ['R1'],
      auth: { type: 'applicationCredential', id: 'id1', secret: 's1' },
    });
  });

  it.each([
    [
      { clouds: [{ name: 'x', authUrl: 'http://k/v3', projects: P }] },
      'openstack.clouds[x].projects[0] (demo) has no credential',
    ],
    [
      {
        clouds: [
          {
            name: 'x',
            projects: P,
            authUrl: 'http://k/v3',
            applicationCredential: { name: 'n', secret: 's' },
          },
        ],
      },
      'give id, or name together with user',
    ],
    [
      {
        clouds: [
          {
            name: 'x',
            projects: P,
            authUrl: 'http://k/v3',
            password: { username: 'u', password: 'p' },
            applicationCredential: { id: 'i', secret: 's' },
          },
        ],
      },
      'openstack.clouds[x]: set one of applicationCredential, password, not several',
    ],
    [
      {
        clouds: [
          {
            name: 'x',
            projects: P,
            authUrl: 'http://k/v3',
            password: { username: 'u', password: 'p' },
          },
          {
            name: 'x',
            projects: P,
            authUrl: 'http://k/v3',
            password: { username: 'u', password: 'p' },
          },
        ],
      },
      "the name 'x' is used twice",
    ],
    [
      {
        clouds: [
          {
            name: 'x',
            projects: P,
            authUrl: 'http://k/v3',
            interface: 'private',
            password: { username: 'u', password: 'p' },
          },
        ],
      },
      "interface must be public, internal or admin, got 'private'",
    ],
    [
      { requestTimeoutMs: 5 },
      'openstack.requestTimeoutMs must be a number >= 100, got 5',
    ],
    [
      {
        clouds: [
          {
            name: 'x',
            cloudsYaml: { file: '/nonexistent/clouds.yaml' },
            projects: P,
          },
        ],
      },
      'cannot read clouds.yaml at /nonexistent/clouds.yaml',
    ],
  ])(
    'rejects bad configuration with a clear error (%#)',
    (openstack, message) => {
      expect(() => read(openstack)).toThrow(message);
    },
  );
});

describe('readPluginOptions: the project map', () => {
  const cloud = (projects: unknown, extra: object = {}) => ({
    clouds: [
      {
        name: 'lab',
        authUrl: 'http://127.0.0.1:5000/v3',
        password: { username: 'canopy', password: 'pw-secret' },
        projects,
        ...extra,
      },
    ],
  });

  it('maps projects to their owners and credentials', () => {
    const options = read(
      cloud([
        {
          name: 'demo',
          owners: ['team-a', 'user:default/Alice'],
          claimableTags: ['app=payments-*'],
        },
        {
          id: 'b'.repeat(32),
          owners: ['group:default/team-b'],
          applicationCredential: { id: 'ac-b', secret: 'ac-secret' },
        },
      ]),
    );
    const [demo, teamB] = options.clouds[0].projects;
    expect(demo).toMatchObject({
      cloud: 'lab',
      key: 'name:default/demo',
      owners: ['group:default/team-a', 'user:default/alice'],
      open: false,
      claimableTags: ['app=payments-*'],
      // No credential of its own: the cloud's password, scoped to it.
      auth: { type: 'password', username: 'canopy' },
    });
    expect(teamB).toMatchObject({
      key: `id:${'b'.repeat(32)}`,
      auth: { type: 'applicationCredential', id: 'ac-b' },
    });
    expect(secretsOf(options).sort()).toEqual(['ac-secret', 'pw-secret']);
  });

  it("keeps the documented single-tenant form, owners: ['*']", () => {
    const options = read(cloud([{ name: 'demo', owners: ['*'] }]));
    expect(options.clouds[0].projects[0]).toMatchObject({
      owners: ['*'],
      open: true,
    });
  });

  it.each([
    [undefined, 'openstack.clouds[lab] maps no projects'],
    [[], 'there is no open default'],
    [
      [{ name: 'demo' }],
      'openstack.clouds[lab].projects[0] (demo) has no owners: list the catalog groups or users that own it',
    ],
    [[{ owners: ['team-a'] }], "projects[0]: give the project's id or name"],
    [
      [{ name: 'demo', owners: ['*', 'team-a'] }],
      "'*' (everyone) cannot be combined with named owners",
    ],
    [
      [{ name: 'demo', owners: ['component:default/x'] }],
      "owners: 'component:default/x' is a component; owners are groups or users",
    ],
    [
      [
        { name: 'demo', owners: ['team-a'] },
        { name: 'demo', owners: ['team-b'] },
      ],
      'openstack.clouds[lab].projects[1] (demo) is the same project as openstack.clouds[lab].projects[0] (demo): map each project once',
    ],
  ])('refuses a project map that is not safe (%#)', (projects, message) => {
    expect(() => read(cloud(projects))).toThrow(message);
  });

  it('needs a credential for every project', () => {
    expect(() =>
      read({
        clouds: [
          {
            name: 'lab',
            authUrl: 'http://127.0.0.1:5000/v3',
            projects: [{ name: 'demo', owners: ['team-a'] }],
          },
        ],
      }),
    ).toThrow('openstack.clouds[lab].projects[0] (demo) has no credential');
  });
});

describe('readPluginOptions: owners and the identity reader from Keystone', () => {
  const cloud = (extra: object, projects: object[]) => ({
    clouds: [
      {
        name: 'lab',
        authUrl: 'http://127.0.0.1:5000/v3',
        password: { username: 'demo', password: 'pw', projectName: 'demo' },
        ...extra,
        projects,
      },
    ],
  });
  const reader = {
    password: { username: 'canopy-reader', password: 'reader-secret' },
    domain: 'Default',
  };
  const fromKeystone = { fromKeystone: { roles: ['member'] } };

  it('reads owners: { fromKeystone } with an identity reader, owners empty until read', () => {
    const options = read({
      ...cloud({ identity: reader }, [{ name: 'demo', owners: fromKeystone }]),
      ownersRefreshSeconds: 30,
    });
    const [project] = options.clouds[0].projects;
    expect(project.owners).toEqual([]);
    expect(project.ownersFrom).toEqual({ roles: ['member'] });
    expect(options.clouds[0].identity).toEqual({
      auth: expect.objectContaining({
        type: 'password',
        username: 'canopy-reader',
        projectName: undefined,
      }),
      scope: { domainName: 'Default', domainId: undefined },
    });
    expect(options.ownersRefreshMs).toBe(30_000);
    expect(secretsOf(options)).toContain('reader-secret');
  });

  it.each([
    [
      'a project taking owners from Keystone without an identity reader',
      cloud({}, [{ name: 'demo', owners: fromKeystone }]),
      'openstack.clouds[lab].identity must give the identity reader credential',
    ],
    [
      'no roles',
      cloud({ identity: reader }, [
        { name: 'demo', owners: { fromKeystone: { roles: [] } } },
      ]),
      'owners.fromKeystone.roles: list the Keystone roles',
    ],
    [
      'an unknown owners form',
      cloud({ identity: reader }, [{ name: 'demo', owners: { fromLdap: {} } }]),
      "'fromLdap' is not known",
    ],
    [
      'a reader with two scopes',
      cloud({ identity: { ...reader, system: 'all' } }, P),
      'identity: give exactly one scope',
    ],
    [
      'a reader with an application credential',
      cloud(
        {
          identity: {
            applicationCredential: { id: 'x', secret: 'y' },
            domain: 'Default',
          },
        },
        P,
      ),
      'an application credential is scoped to a project',
    ],
  ])('refuses %s, naming the setting', (_, config, message) => {
    expect(() => read(config)).toThrow(message);
  });
});
