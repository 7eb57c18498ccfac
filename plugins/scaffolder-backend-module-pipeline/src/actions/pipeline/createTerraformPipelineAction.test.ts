import { mockServices } from '@backstage/backend-test-utils';
/**
 * The pipeline action against loopback GitHub and GitLab APIs (real git
 * behind them), its documents through GitHub's own workflow parser and
 * GitLab's published CI schema, and its shell through real shells.
 */
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  collectOutputs,
  dryRunIntegrations,
  FakeDeliveryBackend,
} from '@canopy-idp/plugin-scaffolder-node-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { execFileSync, spawnSync } from 'node:child_process';
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
import {
  startFakeGitHost,
  type FakeGithub,
  type FakeGitlab,
} from '@canopy-idp/plugin-scaffolder-backend-module-canopy/testUtils';
import { gitlabCiErrors } from '../../__testUtils__/gitlabCiSchema';
import { parseGithubWorkflow } from '../../__testUtils__/githubWorkflowParser';
import { CANOPY_GITHUB_WORKFLOW_PATH } from '@canopy-idp/plugin-delivery-common';
import { createTerraformPipelineAction } from './createTerraformPipelineAction';
import { githubWorkflow } from './githubWorkflow';
import { CREDENTIALS_FUNCTION, gitlabCi } from './gitlabCi';
import {
  CHANGED_ROOTS_FUNCTION,
  CHECK_CREDENTIALS_FUNCTION,
  ROOT_SUFFIX_FUNCTION,
} from './pipelineScripts';
import {
  PIPELINE_HEADER,
  pipelineOrigin,
  PipelineSettings,
} from './pipelineSettings';
import { credentialSuffix, rootFileContent } from './rootTarget';
import { renderPipelineYaml } from './pipelineYaml';

const TOKEN = 'scm-token-for-pipeline-tests';
/** The credential suffixes of the targets these tests use. */
const DEMO = credentialSuffix({
  cloud: 'lab',
  project: 'demo',
  region: 'RegionOne',
});
const OTHER = credentialSuffix({
  cloud: 'lab',
  project: 'other',
  region: 'RegionOne',
});
const PAYMENTS = credentialSuffix({
  cloud: 'lab',
  project: 'Payments Team',
  region: 'RegionTwo',
});
const WORKFLOW = '.github/workflows/canopy-terraform.yaml';
const ROOT_FILE = 'openstack/web/canopy-pipeline.json';

/** Shells on this machine (sh, bash, busybox sh as in the GitLab image). */
const SHELLS = [
  ['sh'],
  ['bash', '--norc', '--noprofile'],
  ['busybox', 'sh'],
].filter(([shell, ...args]) => {
  try {
    execFileSync(shell, [...args, '-c', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

/** Runs a script in a shell (`$1`... from args); stdout, stderr and status. */
function sh(
  shell: string[],
  script: string,
  options: { cwd?: string; env?: Record<string, string>; args?: string[] } = {},
) {
  const [command, ...pre] = shell;
  const result = spawnSync(
    command,
    [...pre, '-c', script, 'canopy', ...(options.args ?? [])],
    {
      cwd: options.cwd,
      env: { PATH: process.env.PATH!, ...options.env },
      encoding: 'utf8',
    },
  );
  return {
    stdout: result.stdout,
    stderr: result.stderr,
    status: result.status,
  };
}

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

describe.each(['github', 'gitlab'] as const)(
  'createTerraformPipelineAction on %s (loopback API, real git)',
  provider => {
    let fake: FakeGithub | FakeGitlab;
    let action: ReturnType<typeof createTerraformPipelineAction>;
    let delivery: FakeDeliveryBackend;
    const file = provider === 'github' ? WORKFLOW : '.gitlab-ci.yml';

    beforeAll(async () => {
      fake = await startFakeGitHost(provider, TOKEN);
      const integrations = { [provider]: [fake.integration()] };
      // The user's teams own this repository, and no other.
      delivery = new FakeDeliveryBackend(new Set([fake.repository]));
      await delivery.start();
      action = createTerraformPipelineAction({
        integrations: ScmIntegrations.fromConfig(
          new ConfigReader({ integrations }),
        ),
        discovery: delivery.discovery,
        auth: mockServices.auth(),
      });
    });
    afterAll(async () => {
      await fake.stop();
      await delivery.stop();
    });

    const input = () => ({
      repoUrl: fake.repoUrl,
      rootPath: 'openstack/web',
      cloud: 'lab',
      project: 'demo',
      region: 'RegionOne',
    });
    const repositorySecrets =
      provider === 'github'
        ? [
            'TF_STATE_S3_ENDPOINT',
            'TF_STATE_S3_BUCKET',
            'TF_STATE_S3_ACCESS_KEY',
            'TF_STATE_S3_SECRET_KEY',
          ]
        : ['CANOPY_GITLAB_TOKEN'];
    /** The secrets a root with credential suffix `suffix` needs: its OpenStack ones, then the repository's. */
    const secretsFor = (suffix: string) => [
      `OS_AUTH_URL_${suffix}`,
      `OS_PLAN_APPLICATION_CREDENTIAL_ID_${suffix}`,
      `OS_PLAN_APPLICATION_CREDENTIAL_SECRET_${suffix}`,
      `OS_APPLICATION_CREDENTIAL_ID_${suffix}`,
      `OS_APPLICATION_CREDENTIAL_SECRET_${suffix}`,
      ...repositorySecrets,
    ];
    const rootFile = (workspacePath: string, name = ROOT_FILE) =>
      JSON.parse(readFileSync(path.join(workspacePath, name), 'utf8'));
    let written = '';

    it('makes no remote call in dry-run, and writes the file and the root’s', async () => {
      const before = fake.requests.length;
      const { outputs, workspacePath, error } = await run(action, input(), {
        isDryRun: true,
      });
      expect(error).toBeUndefined();
      expect(fake.requests.length).toBe(before);
      expect(outputs).toMatchObject({
        provider,
        path: file,
        written: true,
        canopyPipeline: true,
        rootFile: ROOT_FILE,
        credentialSuffix: DEMO,
      });
      expect(existsSync(path.join(workspacePath, file))).toBe(true);
      expect(rootFile(workspacePath)).toMatchObject({
        credentialSuffix: DEMO,
        cloud: 'lab',
        project: 'demo',
        region: 'RegionOne',
      });
    });

    it("asks nothing of a repository the user's teams do not own, with the portal's token", async () => {
      const before = fake.requests.length;
      const { error } = await run(action, {
        ...input(),
        repoUrl: fake.repoUrl.replace(/repo=infrastructure$/, 'repo=other'),
      });
      expect(error?.name).toBe('NotAllowedError');
      expect(error?.message).toMatch(
        /^repoUrl: user:default\/mock does not own repository '127\.0\.0\.1:\d+\/[a-z]+\/other' \(rule: /,
      );
      expect(fake.requests.length).toBe(before);
    });

    it('writes the pipeline when the default branch has none, with the secrets the root needs', async () => {
      const { outputs, workspacePath, error } = await run(action, input());
      expect(error).toBeUndefined();
      // It asked the API for the default branch, then for the file on it.
      expect(fake.requests.join('\n')).toMatch(
        provider === 'github'
          ? /GET \/api\/v3\/repos\/acme\/infrastructure\/contents\/\.github/
          : /GET \/api\/v4\/projects\/platform(%2F|\/)infrastructure\/repository\/files\/\.gitlab-ci\.yml/,
      );
      expect(outputs).toMatchObject({
        provider,
        path: file,
        written: true,
        canopyPipeline: true,
      });
      expect(outputs.secrets).toEqual(secretsFor(DEMO));
      for (const name of outputs.secrets)
        expect(outputs.description).toContain(`\`${name}\``);
      expect(outputs.description).toContain('--role reader');
      expect(outputs.description).toContain(
        `\`openstack/web\` names \`${DEMO}\``,
      );
      expect(outputs.description).not.toMatch(/masked and not protected/i);
      expect(outputs.description).toMatch(
        provider === 'github'
          ? /Secrets of the environment `openstack-apply`.*deployment branch rule/
          : /Masked and \*\*protected\*\* CI\/CD variables/,
      );
      const content = readFileSync(path.join(workspacePath, file), 'utf8');
      written = content;
      const errors =
        provider === 'github'
          ? (await parseGithubWorkflow(file, content)).errors
          : gitlabCiErrors(parse(content));
      expect(errors).toEqual([]);
      // The pipeline names no project: each root's file does.
      expect(content).not.toMatch(/LAB_DEMO|REGIONONE|RegionOne|\bdemo\b/);
      expect(content).toContain('canopy-pipeline.json');
      // By name, GitHub reads only the repository-wide secrets; the
      // OpenStack ones by the root's suffix.
      const expressions = [
        ...content.matchAll(/\$\{\{ secrets\.(\w+) \}\}/g),
      ].map(m => m[1]);
      expect([...new Set(expressions)].sort()).toEqual(
        provider === 'github' ? [...repositorySecrets].sort() : [],
      );
      expect(pipelineOrigin(content)).toBe('canopy');
      expect(rootFile(workspacePath).credentialSuffix).toBe(DEMO);
    });

    it('leaves Canopy’s pipeline as it is, and writes the root of another project its own suffix', async () => {
      fake.repo.commitFile(file, written);
      const { outputs, workspacePath, error } = await run(action, {
        ...input(),
        rootPath: 'openstack/db',
        project: 'Payments Team',
        region: 'RegionTwo',
      });
      expect(error).toBeUndefined();
      expect(outputs).toMatchObject({
        written: false,
        canopyPipeline: true,
        rootFile: 'openstack/db/canopy-pipeline.json',
        credentialSuffix: PAYMENTS,
      });
      expect(existsSync(path.join(workspacePath, file))).toBe(false);
      expect(
        rootFile(workspacePath, 'openstack/db/canopy-pipeline.json'),
      ).toMatchObject({
        credentialSuffix: PAYMENTS,
        project: 'Payments Team',
      });
      // This request's secrets, not the first one's.
      expect(outputs.secrets).toEqual(secretsFor(PAYMENTS));
      expect(outputs.description).toContain(
        "already has Canopy's Terraform pipeline",
      );
      expect(outputs.description).toContain(
        `It plans this change on the ${
          provider === 'github' ? 'pull' : 'merge'
        } request and applies it after the merge`,
      );
      for (const name of outputs.secrets)
        expect(outputs.description).toContain(`\`${name}\``);
    });

    it('says an earlier Canopy pipeline takes one set of credentials, and does not count it as Canopy’s', async () => {
      fake.repo.commitFile(
        file,
        `# ${PIPELINE_HEADER[0]}\nname: Canopy Terraform\n`,
      );
      const { outputs, error } = await run(action, input());
      expect(error).toBeUndefined();
      expect(outputs).toMatchObject({ written: false, canopyPipeline: false });
      expect(outputs.description).toContain('earlier version');
      expect(outputs.description).not.toContain('It plans this change');
    });

    it('does not claim a pipeline of the repository’s own applies the change', async () => {
      fake.repo.commitFile(file, '# the team’s own pipeline\n');
      const { outputs, workspacePath, error } = await run(action, input());
      expect(error).toBeUndefined();
      expect(outputs).toMatchObject({
        provider,
        path: file,
        written: false,
        canopyPipeline: false,
      });
      // The secrets this root would need are still named.
      expect(outputs.secrets).toEqual(secretsFor(DEMO));
      expect(outputs.description).toContain("not Canopy's Terraform pipeline");
      expect(outputs.description).not.toContain('It plans this change');
      expect(existsSync(path.join(workspacePath, file))).toBe(false);
      expect(rootFile(workspacePath).credentialSuffix).toBe(DEMO);
      // Another branch still has none.
      const other = await run(action, { ...input(), defaultBranch: 'main2' });
      expect(other.error?.message ?? '').toBe('');
      expect(other.outputs).toMatchObject({
        written: true,
        canopyPipeline: true,
      });
    });

    it('refuses a root whose credential suffix another root of the repository names for another target', async () => {
      // Another root that names this request's suffix for another project
      // (forged, or a collision of the hash): both would share secrets.
      fake.repo.commitFile(
        'clash/legacy/canopy-pipeline.json',
        JSON.stringify({ credentialSuffix: DEMO, project: 'someone-else' }),
      );
      // The same target in another root shares its credentials rightly.
      fake.repo.commitFile(
        'clash/web2/canopy-pipeline.json',
        rootFileContent({ cloud: 'lab', project: 'demo', region: 'RegionOne' }),
      );
      const clash = await run(action, {
        ...input(),
        terraformRoot: 'clash',
        rootPath: 'clash/web',
      });
      expect(clash.error?.name).toBe('InputError');
      expect(clash.error?.message).toBe(
        `project: the credential suffix ${DEMO} of cloud "lab", project "demo", region "RegionOne" is already named by clash/legacy/canopy-pipeline.json for project "someone-else", and two roots of one repository must not share credentials (rule: one credential suffix, one target)`,
      );
      expect(existsSync(path.join(clash.workspacePath, 'clash'))).toBe(false);
      // Another project is not refused: its suffix is its own.
      const other = await run(action, {
        ...input(),
        terraformRoot: 'clash',
        rootPath: 'clash/web',
        project: 'someone-else',
      });
      expect(other.error).toBeUndefined();
      expect(other.outputs.credentialSuffix).not.toBe(DEMO);
    });

    it('refuses a suffix a root file written by hand names, as the pipeline reads it', async () => {
      // No project named, and the suffix on one line twice: the pipeline's
      // sed takes the last of the first matching line.
      fake.repo.commitFile(
        'hand/mine/canopy-pipeline.json',
        `{"credentialSuffix": "X", "credentialSuffix": "${DEMO}"}\n`,
      );
      const { error } = await run(action, {
        ...input(),
        terraformRoot: 'hand',
        rootPath: 'hand/web',
      });
      expect(error?.message).toContain(
        `is already named by hand/mine/canopy-pipeline.json without naming its project, and two roots`,
      );
    });

    it.each(['release+1', '${{github.token}}', 'a\u2028b', '-main'])(
      'refuses the default branch %j from the repository API, naming its source',
      async branch => {
        fake.defaultBranch = branch;
        try {
          const { error } = await run(action, input());
          expect(error?.name).toBe('InputError');
          expect(error?.message).toContain(
            `defaultBranch: the default branch ${JSON.stringify(
              branch,
            )} that 127.0.0.1:${fake.port} gives for `,
          );
          expect(error?.message).toContain('give the input defaultBranch');
          // The input is the way out.
          const given = await run(action, {
            ...input(),
            defaultBranch: 'main',
          });
          expect(given.error).toBeUndefined();
        } finally {
          fake.defaultBranch = 'main';
        }
      },
    );
  },
);

const SETTINGS: Array<[string, PipelineSettings]> = [
  [
    'default root',
    { root: 'openstack', defaultBranch: 'main', terraformVersion: '1.11.4' },
  ],
  [
    'nested root',
    {
      root: 'infra/tf.d',
      defaultBranch: 'production',
      terraformVersion: '1.10.0',
    },
  ],
  [
    'a root and a branch YAML 1.1 reads as something else',
    { root: 'yes', defaultBranch: 'release/2.0', terraformVersion: '1.11.4' },
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

  it('lives where the delivery backend looks for it', () => {
    expect(WORKFLOW).toBe(CANOPY_GITHUB_WORKFLOW_PATH);
  });

  it('plans with the read-only credential of each root, and applies with the apply credential only in the environment', () => {
    const doc = parse(
      renderPipelineYaml(githubWorkflow(SETTINGS[0][1]), 'test'),
    );
    const index = (name: string) =>
      `\${{ secrets[format('${name}_{0}', matrix.suffix)] }}`;
    expect(doc.jobs.plan.env).toMatchObject({
      CANOPY_CREDENTIAL_SUFFIX: '${{ matrix.suffix }}',
      OS_AUTH_URL: index('OS_AUTH_URL'),
      OS_APPLICATION_CREDENTIAL_ID: index('OS_PLAN_APPLICATION_CREDENTIAL_ID'),
      OS_APPLICATION_CREDENTIAL_SECRET: index(
        'OS_PLAN_APPLICATION_CREDENTIAL_SECRET',
      ),
    });
    expect(doc.jobs.plan.environment).toBeUndefined();
    expect(doc.jobs.apply.env).toMatchObject({
      OS_AUTH_URL: index('OS_AUTH_URL'),
      OS_APPLICATION_CREDENTIAL_ID: index('OS_APPLICATION_CREDENTIAL_ID'),
      OS_APPLICATION_CREDENTIAL_SECRET: index(
        'OS_APPLICATION_CREDENTIAL_SECRET',
      ),
    });
    expect(doc.jobs.apply.environment).toBe('openstack-apply');
    // No pull request job names the apply credential.
    for (const job of ['changes', 'fmt', 'validate', 'plan'])
      expect(JSON.stringify(doc.jobs[job])).not.toMatch(
        /'OS_APPLICATION_CREDENTIAL/,
      );
    for (const job of ['fmt', 'validate', 'plan', 'apply']) {
      expect(doc.jobs[job].strategy.matrix).toEqual({
        include: '${{ fromJSON(needs.changes.outputs.roots) }}',
      });
      expect(doc.jobs[job].if).toContain("needs.changes.outputs.roots != '[]'");
    }
    // The credential check comes first after the checkout.
    expect(doc.jobs.plan.steps[1].name).toBe(
      'Check the OpenStack credentials of the root',
    );
    expect(doc.jobs.apply.steps[1].name).toBe(
      'Check the OpenStack credentials of the root',
    );
  });

  it('the parser bites: a broken workflow has errors', async () => {
    const doc = githubWorkflow(SETTINGS[0][1]) as any;
    delete doc.jobs.apply['runs-on'];
    doc.jobs.fmt.steps[2].run = 'echo ${{ secretz.NOPE }}';
    doc.jobs.plan.timeout = 5;
    // Inside a computed index into secrets, too.
    doc.jobs.apply.env.OS_AUTH_URL =
      "${{ secrets[format('OS_AUTH_URL_{0}', matrx.suffix)] }}";
    const { errors } = await parseGithubWorkflow(
      WORKFLOW,
      renderPipelineYaml(doc, 'broken'),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Required property is missing: runs-on/),
        expect.stringMatching(/Unrecognized named-value: 'secretz'/),
        expect.stringMatching(/Unexpected value 'timeout'/),
        expect.stringMatching(/Unrecognized named-value: 'matrx'/),
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

  it('plans with the plan credential and applies with the apply credential, per root', () => {
    const doc = parse(renderPipelineYaml(gitlabCi(SETTINGS[0][1]), 'test'));
    const script = (job: string) => doc[job].script.join('\n');
    expect(script('plan')).toContain('canopy_credentials "$dir" PLAN_');
    expect(script('apply')).toContain('canopy_credentials "$dir" ""');
    expect(script('apply')).not.toContain('PLAN_"');
    expect(doc.plan.variables.CANOPY_MISSING_HINT).toMatch(/not protected/);
    expect(doc.apply.variables.CANOPY_MISSING_HINT).toMatch(/protected/);
    // No credential by name, no eval.
    expect(JSON.stringify(doc)).not.toMatch(/\$OS_|\beval\b/);
  });

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

describe('values reach the files only through their emitters', () => {
  const settings = SETTINGS[2][1];
  it.each([
    ['GitHub', () => githubWorkflow(settings), ['release/2.0']],
    ['GitLab', () => gitlabCi(settings), undefined],
  ])(
    '%s: root and branch read back exactly, in YAML 1.1 and 1.2',
    (_p, build, branches) => {
      const content = renderPipelineYaml(build(), PIPELINE_HEADER);
      expect(content.split('\n').slice(0, 2)).toEqual(
        PIPELINE_HEADER.map(line => `# ${line}`),
      );
      for (const version of ['1.1', '1.2'] as const) {
        const doc = parse(content, { version });
        const root = doc.env?.TF_ROOT ?? doc.variables.TF_ROOT;
        expect(root).toBe('yes');
        // GitLab's file names no branch (it reads $CI_DEFAULT_BRANCH).
        expect(doc.on?.push.branches).toEqual(branches);
      }
    },
  );

  it('the root file: JSON, any cloud, project and region read back exactly', () => {
    const target = {
      cloud: 'on',
      project: `Pro"ject\\ ${'$'}{x} </script>`,
      region: `Region: One #"quoted" 'single' $HOME {a: [b]} & *c !d`,
    };
    const content = rootFileContent(target);
    expect(JSON.parse(content)).toMatchObject({
      ...target,
      credentialSuffix: expect.stringMatching(
        /^ON_PRO_JECT_X_SCRIPT_REGION_ONE_QUOTED_SINGLE_HOME_A_B_C_D_[A-Z2-7]{10}$/,
      ),
    });
    expect(content.endsWith('}\n')).toBe(true);
  });
});

describe('pipelineOrigin', () => {
  it.each([
    [renderPipelineYaml({ name: 'x' }, PIPELINE_HEADER), 'canopy'],
    [`# ${PIPELINE_HEADER[0]}\nname: x\n`, 'outdated'],
    ['name: x\n# canopy-pipeline-format: 1\n', 'foreign'],
    ['name: x\n', 'foreign'],
    ['', 'foreign'],
  ])('%j is %s', (content, origin) => {
    expect(pipelineOrigin(content)).toBe(origin);
  });
});

describe('secrets and input', () => {
  const action = createTerraformPipelineAction({
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
    integrations: dryRunIntegrations(),
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
        rootPath: 'openstack/web',
        cloud: 'lab',
        project: 'demo',
        region: 'RegionOne',
        token: 'scm-token-value-89',
      },
      { isDryRun: true, secrets },
    );
    expect(error).toBeUndefined();
    const content = [outputs.path, outputs.rootFile]
      .map(f => readFileSync(path.join(workspacePath, f), 'utf8'))
      .join('\n');
    for (const value of [...Object.values(secrets), 'scm-token-value-89'])
      expect(content + outputs.description).not.toContain(value);
    expect(content).not.toMatch(/application_credential_secret\s*[:=]\s*\w/i);
  });

  it('refuses to write a file holding a secret value', async () => {
    const { error, workspacePath } = await run(
      action,
      {
        repoUrl: 'github.com?owner=acme&repo=infra',
        rootPath: 'openstack/web',
        project: 'demo',
        region: secrets.OS_PASSWORD,
      },
      { isDryRun: true, secrets },
    );
    expect(error?.message).toBe(
      `${ROOT_FILE} would contain a secret value of the task; refusing to write it`,
    );
    expect(existsSync(path.join(workspacePath, WORKFLOW))).toBe(false);
    expect(existsSync(path.join(workspacePath, ROOT_FILE))).toBe(false);
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
      /terraformRoot: terraformRoot must not have a segment starting with '\.\.' \(rule: a relative path/,
    ],
    [
      { terraformRoot: 'openstack/' },
      /terraformRoot: terraformRoot must not start or end with '\/'/,
    ],
    // Issue 21, item 2: a root starting with '-' reads as an option in the
    // pipeline's shell; item 3: '.git' never reaches the pull request;
    // item 4: '..x' fails later in Backstage's safe-path check.
    [
      { terraformRoot: '-tf', rootPath: '-tf/web' },
      /terraformRoot: terraformRoot must not have a segment starting with '-' \(a shell command would read it as an option\)/,
    ],
    [
      { rootPath: 'openstack/-web' },
      /rootPath: rootPath must not have a segment starting with '-'/,
    ],
    [
      { terraformRoot: '.git', rootPath: '.git/hooks' },
      /terraformRoot: terraformRoot must not have a '\.git' segment \(Git keeps its own data there/,
    ],
    [
      { terraformRoot: 'a/.GIT', rootPath: 'a/.GIT/x' },
      /terraformRoot: terraformRoot must not have a '\.git' segment/,
    ],
    [
      { rootPath: 'openstack/..x' },
      /rootPath: rootPath must not have a segment starting with '\.\.'/,
    ],
    [
      { terraformRoot: '...', rootPath: '.../web' },
      /terraformRoot: terraformRoot must not have a segment starting with '\.\.'/,
    ],
    // Item 6: only the canonical spelling names an image tag that exists.
    [
      { terraformVersion: '01.010.01' },
      /terraformVersion: terraformVersion must be a Terraform release written as its image tag is/,
    ],
    [
      { terraformVersion: '1.10.00' },
      /terraformVersion: terraformVersion must be a Terraform release written as its image tag is/,
    ],
    [
      { terraformVersion: '1.9.8' },
      /terraformVersion: terraformVersion must be 1\.10\.0 or later/,
    ],
    [{ project: undefined }, /project/],
    [{ project: '' }, /project: project must not be empty/],
    [{ rootPath: undefined }, /rootPath/],
    [
      { rootPath: 'openstack' },
      /rootPath: openstack must be a folder right below terraformRoot \(openstack\/<name>\)/,
    ],
    [
      { rootPath: 'openstack/a/b' },
      /rootPath: openstack\/a\/b must be a folder right below terraformRoot/,
    ],
    [
      { rootPath: 'terraform/web' },
      /rootPath: terraform\/web must be a folder right below terraformRoot/,
    ],
    [
      { rootPath: '../web' },
      /rootPath: rootPath must not have a segment starting with '\.\.'/,
    ],
    [
      { defaultBranch: 'a..b' },
      /defaultBranch: defaultBranch must be a Git branch name of letters/,
    ],
    [
      { defaultBranch: 'release+1' },
      /defaultBranch: defaultBranch must be a Git branch name of letters/,
    ],
    [
      { defaultBranch: '-main' },
      /defaultBranch: defaultBranch must be a Git branch name of letters/,
    ],
  ])('refuses %j naming the field and the rule', async (bad, message) => {
    const { error } = await run(
      action,
      {
        repoUrl: 'github.com?owner=acme&repo=infra',
        rootPath: 'openstack/web',
        project: 'demo',
        ...bad,
      },
      { isDryRun: true },
    );
    expect(error?.name).toBe('InputError');
    expect(error?.message).toMatch(message);
  });

  it('refuses a host without a GitHub or GitLab integration', async () => {
    const { error } = await run(
      action,
      {
        repoUrl: 'bitbucket.org?workspace=a&project=b&repo=c',
        rootPath: 'openstack/web',
        project: 'demo',
      },
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
    write('-tf/web/main.tf');
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

  const roots = (
    shell: string,
    base: string,
    head: string,
    root = 'openstack',
  ) =>
    execFileSync(
      shell,
      [
        '-c',
        `${CHANGED_ROOTS_FUNCTION}\ncanopy_changed_roots "$1" "$2"`,
        'canopy',
        base,
        head,
      ],
      { cwd: dir, env: { ...process.env, TF_ROOT: root } },
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

  it.each(shells)(
    "%s: a root folder starting with - is a folder, not an option (one of the repository's own)",
    shell => {
      expect(roots(shell, '', second, '-tf')).toEqual(['-tf/web']);
    },
  );
});

describe('each root’s credentials at run time (the shell the pipelines run)', () => {
  let dir: string;
  const write = (file: string, content = 'x\n') => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  };
  const demo = { cloud: 'lab', project: 'demo', region: 'RegionOne' };
  const other = { cloud: 'lab', project: 'other', region: 'RegionOne' };

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'canopy-suffix-'));
    write('openstack/demo/main.tf');
    write('openstack/demo/canopy-pipeline.json', rootFileContent(demo));
    write('openstack/other one/main.tf');
    write('openstack/other one/canopy-pipeline.json', rootFileContent(other));
    write(
      'openstack/compact/canopy-pipeline.json',
      '{"credentialSuffix":"A_1"}',
    );
    write('openstack/none/main.tf');
    write(
      'openstack/lower/canopy-pipeline.json',
      '{"credentialSuffix": "lab"}',
    );
    write(
      'openstack/inject/canopy-pipeline.json',
      '{"credentialSuffix": "X$(touch pwned)"}',
    );
    write(
      'openstack/quote/canopy-pipeline.json',
      '{"credentialSuffix": "X\\" , \\"Y"}',
    );
  });

  const suffix = (shell: string[], root: string) =>
    sh(shell, `${ROOT_SUFFIX_FUNCTION}\ncanopy_root_suffix "$1"`, {
      cwd: dir,
      args: [root],
    });

  it.each(SHELLS)(
    '%s: canopy_root_suffix reads the suffix the action wrote',
    (...shell) => {
      expect(suffix(shell, 'openstack/demo')).toEqual({
        stdout: `${DEMO}\n`,
        stderr: '',
        status: 0,
      });
      expect(suffix(shell, 'openstack/other one').stdout).toBe(`${OTHER}\n`);
      expect(suffix(shell, 'openstack/compact').stdout).toBe('A_1\n');
    },
  );

  it.each(SHELLS)(
    '%s: canopy_root_suffix fails, saying why, without a file or a valid suffix',
    (...shell) => {
      const none = suffix(shell, 'openstack/none');
      expect(none.status).toBe(1);
      expect(none.stdout).toBe('');
      expect(none.stderr).toMatch(
        /^openstack\/none has no canopy-pipeline\.json, so the pipeline does not know which OpenStack credentials are its own/,
      );
      for (const root of ['lower', 'inject', 'quote']) {
        const bad = suffix(shell, `openstack/${root}`);
        expect(bad).toMatchObject({ status: 1, stdout: '' });
        expect(bad.stderr).toContain(
          `openstack/${root}/canopy-pipeline.json names no credentialSuffix`,
        );
      }
      expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
    },
  );

  describe('GitLab: canopy_credentials, root by root in one job', () => {
    const env = {
      [`OS_AUTH_URL_${DEMO}`]: 'https://demo.example.net:5000/v3',
      [`OS_PLAN_APPLICATION_CREDENTIAL_ID_${DEMO}`]: 'demo-plan-id',
      [`OS_PLAN_APPLICATION_CREDENTIAL_SECRET_${DEMO}`]: 'demo-plan-s',
      [`OS_APPLICATION_CREDENTIAL_ID_${DEMO}`]: 'demo-apply-id',
      [`OS_APPLICATION_CREDENTIAL_SECRET_${DEMO}`]: 'demo-apply-s',
      // Only the plan credential of `other` (its apply one is protected).
      [`OS_AUTH_URL_${OTHER}`]: 'https://other.example.net:5000/v3',
      [`OS_PLAN_APPLICATION_CREDENTIAL_ID_${OTHER}`]: 'other-plan-id',
      [`OS_PLAN_APPLICATION_CREDENTIAL_SECRET_${OTHER}`]: 'other-plan-s',
    };
    const each = (shell: string[], kind: string) =>
      sh(
        shell,
        [
          ROOT_SUFFIX_FUNCTION,
          CHECK_CREDENTIALS_FUNCTION,
          CREDENTIALS_FUNCTION,
          'for dir in openstack/demo "openstack/other one" openstack/none openstack/demo; do',
          '  if canopy_credentials "$dir" "$1" "the hint" 2>>err.txt; then',
          `    printf 'OK %s %s %s %s\\n' "$dir" "$OS_AUTH_URL" "$OS_APPLICATION_CREDENTIAL_ID" "$OS_APPLICATION_CREDENTIAL_SECRET"`,
          '  else',
          `    printf 'FAIL %s [%s%s%s]\\n' "$dir" "\${OS_AUTH_URL:-}" "\${OS_APPLICATION_CREDENTIAL_ID:-}" "\${OS_APPLICATION_CREDENTIAL_SECRET:-}"`,
          '  fi',
          'done',
          'cat err.txt; rm err.txt',
        ].join('\n'),
        { cwd: dir, env, args: [kind] },
      );

    /** What the loop prints for openstack/demo, given its plan or apply credential. */
    const demoRoot = (credential: 'plan' | 'apply') => [
      `openstack/demo: OpenStack credentials of ${DEMO}`,
      `OK openstack/demo https://demo.example.net:5000/v3 demo-${credential}-id demo-${credential}-s`,
    ];

    it.each(SHELLS)(
      '%s: plans each root with its own read-only credential',
      (...shell) => {
        const { stdout, status } = each(shell, 'PLAN_');
        expect(status).toBe(0);
        expect(stdout.split('\n')).toEqual([
          ...demoRoot('plan'),
          `openstack/other one: OpenStack credentials of ${OTHER}`,
          'OK openstack/other one https://other.example.net:5000/v3 other-plan-id other-plan-s',
          // The previous root's credentials are gone.
          'FAIL openstack/none []',
          ...demoRoot('plan'),
          // The apply credential of `demo` is not protected: said so.
          `Warning: the apply credential OS_APPLICATION_CREDENTIAL_ID_${DEMO} reaches this pipeline; make it a protected variable`,
          expect.stringMatching(
            /^openstack\/none has no canopy-pipeline\.json/,
          ),
          `Warning: the apply credential OS_APPLICATION_CREDENTIAL_ID_${DEMO} reaches this pipeline; make it a protected variable`,
          '',
        ]);
      },
    );

    it.each(SHELLS)(
      '%s: applies each root with its own apply credential, or fails naming the missing one',
      (...shell) => {
        const { stdout } = each(shell, '');
        expect(stdout.split('\n')).toEqual([
          ...demoRoot('apply'),
          `openstack/other one: OpenStack credentials of ${OTHER}`,
          // Never the previous root's, never the plan credential.
          'FAIL openstack/other one [https://other.example.net:5000/v3]',
          'FAIL openstack/none []',
          ...demoRoot('apply'),
          `Not set: OS_APPLICATION_CREDENTIAL_ID_${OTHER} OS_APPLICATION_CREDENTIAL_SECRET_${OTHER}. the hint`,
          expect.stringMatching(
            /^openstack\/none has no canopy-pipeline\.json/,
          ),
          '',
        ]);
      },
    );
  });

  describe('GitHub: the generated steps', () => {
    const doc = parse(
      renderPipelineYaml(githubWorkflow(SETTINGS[0][1]), 'test'),
    );
    const bash = SHELLS.filter(s => s[0] === 'bash');
    const hasJq = spawnSync('jq', ['--version']).status === 0;

    it.each(bash)(
      '%s: the check step passes with the root’s secrets, else fails saying what to define',
      (...shell) => {
        const check = (job: 'plan' | 'apply', env: Record<string, string>) => {
          const step = doc.jobs[job].steps[1];
          return sh(shell, step.run, {
            cwd: path.join(dir, env.TF_DIR ?? 'openstack/demo'),
            env: {
              GITHUB_WORKSPACE: dir,
              TF_DIR: 'openstack/demo',
              CANOPY_CREDENTIAL_SUFFIX: DEMO,
              ...step.env,
              ...env,
            },
          });
        };
        const all = {
          OS_AUTH_URL: 'u',
          OS_APPLICATION_CREDENTIAL_ID: 'i',
          OS_APPLICATION_CREDENTIAL_SECRET: 's',
        };
        expect(check('apply', all)).toMatchObject({
          status: 0,
          stdout: `openstack/demo: OpenStack credentials of ${DEMO}\n`,
        });
        const apply = check('apply', { OS_AUTH_URL: 'u' });
        expect(apply.status).toBe(1);
        expect(apply.stderr).toBe(
          `Not set: OS_APPLICATION_CREDENTIAL_ID_${DEMO} OS_APPLICATION_CREDENTIAL_SECRET_${DEMO}. Define the Keystone URL as a repository secret and the application credential as secrets of the environment openstack-apply (Settings, Environments), whose deployment branch rule allows only the default branch.\n`,
        );
        const plan = check('plan', {});
        expect(plan.status).toBe(1);
        expect(plan.stderr).toMatch(
          new RegExp(
            `^Not set: OS_AUTH_URL_${DEMO} OS_PLAN_APPLICATION_CREDENTIAL_ID_${DEMO} OS_PLAN_APPLICATION_CREDENTIAL_SECRET_${DEMO}\\. Define them as repository secrets`,
          ),
        );
        const none = check('apply', {
          ...all,
          TF_DIR: 'openstack/none',
          CANOPY_CREDENTIAL_SUFFIX: '',
        });
        expect(none.status).toBe(1);
        expect(none.stderr).toMatch(
          /^openstack\/none has no canopy-pipeline\.json/,
        );
        const mismatch = check('apply', {
          ...all,
          CANOPY_CREDENTIAL_SUFFIX: OTHER,
        });
        expect(mismatch.status).toBe(1);
        expect(mismatch.stderr).toContain(
          `openstack/demo/canopy-pipeline.json names ${DEMO}, the job was given the secrets of '${OTHER}'`,
        );
      },
    );

    it.each(bash)(
      '%s: the changes job puts each changed root’s suffix into the matrix (with jq, as on GitHub’s runners)',
      (...shell) => {
        if (!hasJq) return;
        const output = path.join(dir, 'github-output');
        const git = (...args: string[]) =>
          execFileSync('git', args, { cwd: dir }).toString().trim();
        git('init', '--quiet', '-b', 'main');
        git('add', '-A');
        git(
          '-c',
          'user.name=t',
          '-c',
          'user.email=t@example.invalid',
          'commit',
          '--quiet',
          '-m',
          'roots',
        );
        const result = sh(shell, doc.jobs.changes.steps[1].run, {
          cwd: dir,
          env: {
            TF_ROOT: 'openstack',
            BASE_SHA: '0'.repeat(40),
            HEAD_SHA: git('rev-parse', 'HEAD'),
            GITHUB_OUTPUT: output,
          },
        });
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
        const roots = readFileSync(output, 'utf8');
        expect(roots).toMatch(/^roots=\[.*\]\n$/);
        // Roots are folders with *.tf files; a root without a file gets
        // no suffix, and its jobs fail saying so.
        expect(JSON.parse(roots.slice('roots='.length))).toEqual([
          { dir: 'openstack/demo', suffix: DEMO },
          { dir: 'openstack/none', suffix: '' },
          { dir: 'openstack/other one', suffix: OTHER },
        ]);
      },
    );
  });
});
