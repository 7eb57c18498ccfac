/**
 * Property tests of `canopy:pipeline:terraform` (issue 21): generated
 * targets never share a credential suffix; generated folders, branches and
 * versions are either refused naming the field, or give files that reach
 * the pull request where they were meant to go, whose YAML go-yaml and
 * GitLab's schema read as the document Canopy built, with the branch and
 * the root's target read back exactly.
 */
import { mockServices } from '@backstage/backend-test-utils';
import {
  dryRunIntegrations,
  expectReadAsMeant,
  PROPERTY_TIMEOUT_MS,
  propertyParameters,
} from '@canopy-idp/plugin-scaffolder-node-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { gitlabCiErrors } from '../../__testUtils__/gitlabCiSchema';
import { listFiles } from '@canopy-idp/plugin-scaffolder-node';
import { createTerraformPipelineAction } from './createTerraformPipelineAction';
import { githubWorkflow } from './githubWorkflow';
import { gitlabCi } from './gitlabCi';
import {
  credentialSuffix,
  readRootFile,
  RootTarget,
  SUFFIX_PATTERN,
} from './rootTarget';

jest.setTimeout(PROPERTY_TIMEOUT_MS);

/** Names built to fold alike: case, punctuation, non-ASCII, edge spaces. */
const part = fc.oneof(
  fc.constantFrom(
    'lab',
    'Lab',
    'LAB',
    'team-a',
    'team_a',
    'team.a',
    'Team-A',
    'team a',
    ' team-a',
    'lab-team',
    'a',
    'A',
    '项目',
    '团队',
    'ü',
    'u',
    'RegionOne',
    'regionone',
    '--',
    '_',
    'x'.repeat(64),
    `${'x'.repeat(63)}y`,
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
);
const target: fc.Arbitrary<RootTarget> = fc.record(
  { cloud: part, project: part, region: part },
  { requiredKeys: ['project'] },
);
const key = (t: RootTarget) =>
  JSON.stringify([t.cloud ?? null, t.project, t.region ?? null]);

describe('credential suffixes', () => {
  it('different targets never share one; each is a name the pipeline reads', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(target, { minLength: 2, maxLength: 12, selector: key }),
        targets => {
          const suffixes = targets.map(credentialSuffix);
          expect(new Set(suffixes).size).toBe(targets.length);
          for (const suffix of suffixes) expect(suffix).toMatch(SUFFIX_PATTERN);
        },
      ),
      propertyParameters,
    );
  });
});

/** Folders: mostly valid, with the segments the rule is about. */
const segment = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,8}$/),
  fc.constantFrom(
    '-tf',
    '-',
    '.git',
    '.GIT',
    '.Git',
    '.gitignore',
    'x.git',
    '..x',
    '...',
    '..',
    '.',
    '.x',
    '',
    'a b',
    'ü',
  ),
);
const folder = fc
  .array(segment, { minLength: 1, maxLength: 3 })
  .map(parts => parts.join('/'));
const branch = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,20}$/),
  fc.constantFrom(
    'main',
    'release+1',
    '${{github.token}}',
    'a\u2028b',
    '-main',
    'a..b',
    'a/',
    'x.lock',
    'on',
    'yes',
    '1.0',
    '*',
  ),
);
const version = fc.oneof(
  fc
    .tuple(fc.nat(20), fc.nat(20), fc.nat(20))
    .map(([a, b, c]) => `1.${a}.${b === 0 ? c : b}`),
  fc.constantFrom('1.10.0', '1.11.4', '01.010.01', '1.10.00', '2.0.0', '1.9.9'),
);

/** Whether a folder keeps the rule, by what it does, not by the rule's text. */
function reachesThePullRequest(folderPath: string): boolean {
  const parts = folderPath.split('/');
  return (
    /^[A-Za-z0-9._/-]{1,255}$/.test(folderPath) &&
    path.posix.normalize(folderPath) === folderPath &&
    parts.every(
      p =>
        p !== '' &&
        p !== '.' &&
        !p.startsWith('..') &&
        !p.startsWith('-') &&
        p.toLowerCase() !== '.git',
    )
  );
}

const integrations = dryRunIntegrations();
const action = createTerraformPipelineAction({
  integrations,
  discovery: mockServices.discovery(),
  auth: mockServices.auth(),
});

/** Refused: an InputError naming a field, nothing written. */
async function expectRefused(error: Error, workspacePath: string) {
  expect(error.name).toBe('InputError');
  expect(error.message).toMatch(
    /(terraformRoot|rootPath|defaultBranch|terraformVersion|cloud|project|region): /,
  );
  expect(await listFiles(workspacePath)).toEqual([]);
}

/** Accepted: every path keeps the rule, the files arrive and read back exactly. */
async function expectWritten(options: {
  provider: 'github' | 'gitlab';
  workspacePath: string;
  settings: { root: string; defaultBranch: string; terraformVersion: string };
  rootPath: string;
  target: RootTarget;
}) {
  const { provider, workspacePath, settings, rootPath, target: t } = options;
  expect(reachesThePullRequest(settings.root)).toBe(true);
  expect(reachesThePullRequest(rootPath)).toBe(true);
  const file =
    provider === 'github'
      ? '.github/workflows/canopy-terraform.yaml'
      : '.gitlab-ci.yml';
  expect(await listFiles(workspacePath)).toEqual(
    [file, `${rootPath}/canopy-pipeline.json`].sort((a, b) =>
      a.localeCompare(b),
    ),
  );
  const rootFile = readRootFile(
    readFileSync(
      path.join(workspacePath, rootPath, 'canopy-pipeline.json'),
      'utf8',
    ),
  );
  expect(rootFile?.target).toEqual(
    Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)),
  );
  expect(rootFile?.suffix).toBe(credentialSuffix(t));
  const text = readFileSync(path.join(workspacePath, file), 'utf8');
  const document =
    provider === 'github' ? githubWorkflow(settings) : gitlabCi(settings);
  expectReadAsMeant([document], text);
  const read = parse(text);
  expect(
    provider === 'github'
      ? [read.on.push.branches, read.on.pull_request.branches]
      : gitlabCiErrors(read),
  ).toEqual(
    provider === 'github'
      ? [[settings.defaultBranch], [settings.defaultBranch]]
      : [],
  );
}

describe('the action with generated folders, branches, versions and targets', () => {
  it('refuses naming the field, or writes files that reach the pull request and read back exactly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('github', 'gitlab'),
        folder,
        segment,
        branch,
        version,
        target,
        async (provider, root, name, defaultBranch, terraformVersion, t) => {
          const rootPath = `${root}/${name}`;
          const workspacePath = mkdtempSync(
            path.join(tmpdir(), 'canopy-pipeline-property-'),
          );
          const ctx = Object.assign(
            createMockActionContext({
              input: {
                repoUrl:
                  provider === 'github'
                    ? 'github.com?owner=acme&repo=infra'
                    : 'gitlab.example.net?owner=platform&repo=infra',
                terraformRoot: root,
                rootPath,
                defaultBranch,
                terraformVersion,
                ...t,
              } as any,
              workspacePath,
            }),
            { isDryRun: true },
          );
          let error: Error | undefined;
          await action.handler(ctx as any).catch(e => {
            error = e;
          });
          try {
            if (error) await expectRefused(error, workspacePath);
            else
              await expectWritten({
                provider,
                workspacePath,
                settings: { root, defaultBranch, terraformVersion },
                rootPath,
                target: t,
              });
          } finally {
            rmSync(workspacePath, { recursive: true, force: true });
          }
        },
      ),
      propertyParameters,
    );
  });
});
