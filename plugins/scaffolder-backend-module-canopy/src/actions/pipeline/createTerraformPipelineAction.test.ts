/**
 * The pipeline action against loopback GitHub and GitLab APIs (real git
 * behind them), its documents through GitHub's own workflow parser and
 * GitLab's published CI schema, and its shell through real shells.
 */
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { BareRepo } from '../../__testUtils__/bareRepo';
import { collectOutputs } from '../../__testUtils__/examples';
import { FakeGithub } from '../../__testUtils__/fakeGithub';
import { FakeGitlab } from '../../__testUtils__/fakeGitlab';
import { gitlabCiErrors } from '../../__testUtils__/gitlabCiSchema';
import { parseGithubWorkflow } from '../../__testUtils__/githubWorkflowParser';
import { createTerraformPipelineAction } from './createTerraformPipelineAction';
import { githubWorkflow } from './githubWorkflow';
import { gitlabCi } from './gitlabCi';
import { CHANGED_ROOTS_FUNCTION } from './pipelineScripts';
import { PipelineSettings } from './pipelineSettings';
import { renderPipelineYaml } from './pipelineYaml';

const TOKEN = 'scm-token-for-pipeline-tests';
const WORKFLOW = '.github/workflows/canopy-terraform.yaml';

async function run(
  action: ReturnType<typeof createTerraformPipelineAction>,
  input: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  const workspacePath = mkdtempSync(path.join(tmpdir(), 'canopy-pipeline-'));
  const ctx = Object.assign(
    createMockActionContext({ input: input as any, workspacePath }),
    extra,
  );
  let error: Error | undefined;
  await action.handler(ctx as any).catch(e => {
    error = e;
  });
  return { outputs: collectOutputs(ctx), workspacePath, error };
}

function commitOnMain(repo: BareRepo, file: string, content: string) {
  const head = repo.ref('main')!;
  const files = repo.readTree(repo.commitInfo(head).tree);
  files.set(file, {
    mode: '100644',
    type: 'blob',
    sha: repo.writeBlob(Buffer.from(content)),
  });
  repo.updateRef(
    'main',
    repo.commit(repo.writeTree(files), [head], `Add ${file}`, {
      name: 'Owner',
      email: 'owner@example.invalid',
    }),
  );
}

describe.each(['github', 'gitlab'] as const)(
  'createTerraformPipelineAction on %s (loopback API, real git)',
  provider => {
    let fake: FakeGithub | FakeGitlab;
    let action: ReturnType<typeof createTerraformPipelineAction>;
    let repoUrl: string;
    const file = provider === 'github' ? WORKFLOW : '.gitlab-ci.yml';

    beforeAll(async () => {
      fake =
        provider === 'github'
          ? new FakeGithub('acme', 'infrastructure', TOKEN)
          : new FakeGitlab('platform/infrastructure', TOKEN);
      await fake.start();
      const host = `127.0.0.1:${fake.port}`;
      const integrations =
        fake instanceof FakeGithub
          ? { github: [{ host, apiBaseUrl: fake.apiBaseUrl, token: TOKEN }] }
          : {
              gitlab: [
                {
                  host,
                  apiBaseUrl: `${fake.baseUrl}/api/v4`,
                  baseUrl: fake.baseUrl,
                  token: TOKEN,
                },
              ],
            };
      action = createTerraformPipelineAction({
        integrations: ScmIntegrations.fromConfig(
          new ConfigReader({ integrations }),
        ),
      });
      repoUrl =
        provider === 'github'
          ? `${host}?owner=acme&repo=infrastructure`
          : `${host}?owner=platform&repo=infrastructure`;
    });
    afterAll(() => fake.stop());

    const input = () => ({
      repoUrl,
      cloud: 'lab',
      region: 'RegionOne',
    });

    it('makes no remote call in dry-run, and writes the file', async () => {
      const before = fake.requests.length;
      const { outputs, workspacePath, error } = await run(action, input(), {
        isDryRun: true,
      });
      expect(error).toBeUndefined();
      expect(fake.requests.length).toBe(before);
      expect(outputs).toMatchObject({ provider, path: file, written: true });
      expect(existsSync(path.join(workspacePath, file))).toBe(true);
    });

    it('writes the pipeline when the default branch has none, with the secrets it needs', async () => {
      const { outputs, workspacePath, error } = await run(action, input());
      expect(error).toBeUndefined();
      // It asked the API for the default branch, then for the file on it.
      expect(fake.requests.join('\n')).toMatch(
        provider === 'github'
          ? /GET \/api\/v3\/repos\/acme\/infrastructure\/contents\/\.github/
          : /GET \/api\/v4\/projects\/platform(%2F|\/)infrastructure\/repository\/files\/\.gitlab-ci\.yml/,
      );
      expect(outputs).toMatchObject({ provider, path: file, written: true });
      const os = [
        'OS_AUTH_URL_LAB_REGIONONE',
        'OS_APPLICATION_CREDENTIAL_ID_LAB_REGIONONE',
        'OS_APPLICATION_CREDENTIAL_SECRET_LAB_REGIONONE',
      ];
      expect(outputs.secrets).toEqual(
        provider === 'github'
          ? [
              ...os,
              'TF_STATE_S3_ENDPOINT',
              'TF_STATE_S3_BUCKET',
              'TF_STATE_S3_ACCESS_KEY',
              'TF_STATE_S3_SECRET_KEY',
            ]
          : [...os, 'CANOPY_GITLAB_TOKEN'],
      );
      for (const name of outputs.secrets)
        expect(outputs.description).toContain(`\`${name}\``);
      expect(outputs.description).toContain(
        'create an OpenStack application credential for the project',
      );
      const content = readFileSync(path.join(workspacePath, file), 'utf8');
      const errors =
        provider === 'github'
          ? (await parseGithubWorkflow(file, content)).errors
          : gitlabCiErrors(parse(content));
      expect(errors).toEqual([]);
      // Every secret it needs is referred to, and none other: GitHub reads
      // secrets by expression, GitLab gets the variables in the job's
      // environment (those named after cloud and region through $NAME).
      for (const name of outputs.secrets) expect(content).toContain(name);
      const expressions = [
        ...content.matchAll(/\$\{\{ secrets\.(\w+) \}\}/g),
      ].map(m => m[1]);
      expect([...new Set(expressions)].sort()).toEqual(
        provider === 'github' ? [...outputs.secrets].sort() : [],
      );
    });

    it('writes nothing when the default branch already has one', async () => {
      commitOnMain(fake.repo, file, '# the team’s own pipeline\n');
      const { outputs, workspacePath, error } = await run(action, input());
      expect(error).toBeUndefined();
      expect(outputs).toMatchObject({
        provider,
        path: file,
        written: false,
        secrets: [],
      });
      expect(outputs.description).toContain('already has');
      expect(existsSync(path.join(workspacePath, file))).toBe(false);
      // Another branch still has none.
      const other = await run(action, { ...input(), defaultBranch: 'main2' });
      expect(other.error?.message ?? '').toBe('');
      expect(other.outputs.written).toBe(true);
    });
  },
);

const SETTINGS: Array<[string, PipelineSettings]> = [
  [
    'cloud and region',
    {
      root: 'openstack',
      defaultBranch: 'main',
      terraformVersion: '1.11.4',
      cloud: 'lab',
      region: 'RegionOne',
    },
  ],
  [
    'no cloud or region, nested root',
    {
      root: 'infra/tf.d',
      defaultBranch: 'production',
      terraformVersion: '1.10.0',
    },
  ],
  [
    'YAML and shell specials in the region',
    {
      root: 'yes',
      defaultBranch: 'release/2.0',
      terraformVersion: '1.11.4',
      cloud: 'on',
      region: `Region: One #"quoted" 'single' $HOME \${x} {a: [b]} & *c !d`,
    },
  ],
];

describe('the GitHub workflow', () => {
  it.each(SETTINGS)(
    'parses with no error through GitHub’s workflow parser (%s)',
    async (_d, settings) => {
      const content = renderPipelineYaml(githubWorkflow(settings), 'test');
      const { errors, template } = await parseGithubWorkflow(WORKFLOW, content);
      expect(errors).toEqual([]);
      expect(template!.jobs.map(j => j.id.value)).toEqual([
        'changes',
        'fmt',
        'validate',
        'plan',
        'apply',
      ]);
      expect(template!.events).toMatchObject({
        push: { branches: [settings.defaultBranch] },
        pull_request: { branches: [settings.defaultBranch] },
      });
      const doc = parse(content);
      expect(doc.name).toBe('Canopy Terraform');
      expect(doc.on.push.paths).toEqual([`${settings.root}/**`]);
      expect(doc.env.TF_ROOT).toBe(settings.root);
    },
  );

  it('the parser bites: a broken workflow has errors', async () => {
    const doc = githubWorkflow(SETTINGS[0][1]) as any;
    delete doc.jobs.apply['runs-on'];
    doc.jobs.fmt.steps[2].run = 'echo ${{ secretz.NOPE }}';
    doc.jobs.plan.timeout = 5;
    const { errors } = await parseGithubWorkflow(
      WORKFLOW,
      renderPipelineYaml(doc, 'broken'),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Required property is missing: runs-on/),
        expect.stringMatching(/Unrecognized named-value: 'secretz'/),
        expect.stringMatching(/Unexpected value 'timeout'/),
      ]),
    );
  });
});

describe('the GitLab CI file', () => {
  it.each(SETTINGS)(
    'validates against GitLab’s CI schema (%s)',
    (_d, settings) => {
      const content = renderPipelineYaml(gitlabCi(settings), 'test');
      expect(gitlabCiErrors(parse(content))).toEqual([]);
      // GitLab reads YAML 1.1: the same document there.
      expect(parse(content, { version: '1.1' })).toEqual(parse(content));
    },
  );

  it('the schema bites: a broken file has errors', () => {
    const doc = gitlabCi(SETTINGS[0][1]) as any;
    doc.fmt.scripts = doc.fmt.script;
    delete doc.fmt.script;
    doc.apply.rules = [{ iff: '$CI_COMMIT_BRANCH' }];
    doc.plan.image = { name: '' };
    expect(gitlabCiErrors(parse(renderPipelineYaml(doc, 'x')))).not.toEqual([]);
    expect(gitlabCiErrors({ stages: 'fmt' })).not.toEqual([]);
  });
});

describe('values reach the YAML only through the emitter', () => {
  const settings = SETTINGS[2][1];
  it.each([
    ['GitHub', () => githubWorkflow(settings)],
    ['GitLab', () => gitlabCi(settings)],
  ])(
    '%s: root and region read back exactly, in YAML 1.1 and 1.2',
    (_p, build) => {
      const content = renderPipelineYaml(build(), 'test');
      for (const version of ['1.1', '1.2'] as const) {
        const doc = parse(content, { version });
        const region = doc.jobs
          ? doc.jobs.apply.env.OS_REGION_NAME
          : doc.apply.variables.OS_REGION_NAME.value;
        expect(region).toBe(settings.region);
        const root = doc.env?.TF_ROOT ?? doc.variables.TF_ROOT;
        expect(root).toBe('yes');
      }
    },
  );

  it('GitLab: the region is not expanded (GitLab would read `$HOME` in it)', () => {
    const doc = parse(renderPipelineYaml(gitlabCi(settings), 'test'));
    for (const job of ['plan', 'apply'])
      expect(doc[job].variables.OS_REGION_NAME).toEqual({
        value: settings.region,
        expand: false,
      });
  });
});

describe('secrets and input', () => {
  const action = createTerraformPipelineAction({
    integrations: ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: {
          github: [{ host: 'github.com', token: 'unused' }],
          gitlab: [
            {
              host: 'gitlab.example.net',
              apiBaseUrl: 'https://gitlab.example.net/api/v4',
              token: 'unused',
            },
          ],
        },
      }),
    ),
  });
  const secrets = {
    USER_OAUTH_TOKEN: 'user-oauth-token-value-0123',
    OS_PASSWORD: 'openstack-password-value-4567',
  };

  it.each([
    'github.com?owner=acme&repo=infra',
    'gitlab.example.net?owner=platform&repo=infra',
  ])('writes no secret value of the task (%s)', async repoUrl => {
    const { outputs, workspacePath, error } = await run(
      action,
      {
        repoUrl,
        cloud: 'lab',
        region: 'RegionOne',
        token: 'scm-token-value-89',
      },
      { isDryRun: true, secrets },
    );
    expect(error).toBeUndefined();
    const content = readFileSync(
      path.join(workspacePath, outputs.path),
      'utf8',
    );
    for (const value of [...Object.values(secrets), 'scm-token-value-89'])
      expect(content + outputs.description).not.toContain(value);
    expect(content).not.toMatch(/application_credential_secret\s*[:=]\s*\w/i);
  });

  it('refuses to write a file holding a secret value', async () => {
    const { error, workspacePath } = await run(
      action,
      {
        repoUrl: 'github.com?owner=acme&repo=infra',
        region: secrets.OS_PASSWORD,
      },
      { isDryRun: true, secrets },
    );
    expect(error?.message).toBe(
      `${WORKFLOW} would contain a secret value of the task; refusing to write it`,
    );
    expect(existsSync(path.join(workspacePath, WORKFLOW))).toBe(false);
  });

  it.each([
    [
      { region: 'a ${{ github.token }}' },
      /region: region must not contain '\$\{\{'/,
    ],
    [
      { region: 'Region\nOne' },
      /region: region must not contain control characters/,
    ],
    [
      { terraformRoot: '../x' },
      /terraformRoot: terraformRoot must be a relative folder/,
    ],
    [
      { terraformRoot: 'openstack/' },
      /terraformRoot: terraformRoot must be a relative folder/,
    ],
    [
      { terraformVersion: '1.9.8' },
      /terraformVersion: terraformVersion must be 1\.10\.0 or later/,
    ],
    [
      { defaultBranch: 'a..b' },
      /defaultBranch: defaultBranch must be a valid Git branch name/,
    ],
  ])('refuses %j naming the field and the rule', async (bad, message) => {
    const { error } = await run(
      action,
      { repoUrl: 'github.com?owner=acme&repo=infra', ...bad },
      { isDryRun: true },
    );
    expect(error?.name).toBe('InputError');
    expect(error?.message).toMatch(message);
  });

  it('refuses a host without a GitHub or GitLab integration', async () => {
    const { error } = await run(
      action,
      { repoUrl: 'bitbucket.org?workspace=a&project=b&repo=c' },
      { isDryRun: true },
    );
    expect(error?.message).toMatch(/^repoUrl: no GitHub or GitLab integration/);
  });
});

describe('canopy_changed_roots (the shell both pipelines run)', () => {
  const shells = ['sh', 'bash'].filter(shell => {
    try {
      execFileSync(shell, ['-c', 'true']);
      return true;
    } catch {
      return false;
    }
  });
  let dir: string;
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.invalid',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.invalid',
      },
    })
      .toString()
      .trim();
  const write = (file: string, content = 'x\n') => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  };
  let first: string;
  let second: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'canopy-roots-'));
    git('init', '--quiet', '-b', 'main');
    write('openstack/a/main.tf');
    write('openstack/b/main.tf');
    write('openstack/docs only/README.md');
    write('openstack/README.md');
    write('elsewhere/x/main.tf');
    git('add', '.');
    git('commit', '--quiet', '-m', 'one');
    first = git('rev-parse', 'HEAD');
    write('openstack/a/main.tf', 'changed\n');
    write('openstack/with space/main.tf');
    write('openstack/README.md', 'changed\n');
    write('elsewhere/x/main.tf', 'changed\n');
    rmSync(path.join(dir, 'openstack/b'), { recursive: true });
    git('add', '-A');
    git('commit', '--quiet', '-m', 'two');
    second = git('rev-parse', 'HEAD');
  });

  const roots = (shell: string, base: string, head: string) =>
    execFileSync(
      shell,
      [
        '-c',
        `${CHANGED_ROOTS_FUNCTION}\ncanopy_changed_roots "$1" "$2"`,
        'canopy',
        base,
        head,
      ],
      { cwd: dir, env: { ...process.env, TF_ROOT: 'openstack' } },
    )
      .toString()
      .split('\n')
      .filter(Boolean);

  it.each(shells)('%s: lists the changed roots, not deleted ones', shell => {
    expect(roots(shell, first, second)).toEqual([
      'openstack/a',
      'openstack/with space',
    ]);
  });

  it.each(shells)('%s: lists every root without a usable base', shell => {
    const all = ['openstack/a', 'openstack/with space'];
    expect(roots(shell, '0'.repeat(40), second)).toEqual(all);
    expect(roots(shell, '', second)).toEqual(all);
    expect(roots(shell, 'f'.repeat(40), second)).toEqual(all);
  });
});
