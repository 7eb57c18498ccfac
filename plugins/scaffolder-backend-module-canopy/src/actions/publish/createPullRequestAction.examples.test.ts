import { mockServices } from '@backstage/backend-test-utils';
import Ajv from 'ajv';
import {
  collectOutputs,
  DRY_RUN_CONFIG,
  dryRunIntegrations,
} from '@canopy-idp/plugin-scaffolder-node-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { createPullRequestAction } from './createPullRequestAction';
import { examples } from './createPullRequestAction.examples';

/** Values the template would supply for the examples' ${{ }} expressions. */
const SAMPLES: Record<string, unknown> = {
  '${{ steps.network.output.resources }}': [
    { type: 'openstack_networking_network_v2', name: 'main' },
  ],
  '${{ steps.validate.output.report }}': '### Canopy validation: passed\n',
  '${{ secrets.USER_OAUTH_TOKEN }}': 'user-token-for-dry-run',
};

describe('createPullRequestAction examples (dry-run: no remote call)', () => {
  const config = DRY_RUN_CONFIG;
  const action = createPullRequestAction({
    integrations: dryRunIntegrations(),
    config,
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
  });

  it.each(examples.map(e => [e.description, e]))('%s', async (_d, example) => {
    const step = yaml.parse(example.example).steps[0];
    expect(step.action).toBe(action.id);
    const input = Object.fromEntries(
      Object.entries(step.input).map(([k, v]) => [
        k,
        typeof v === 'string' && v in SAMPLES ? SAMPLES[v] : v,
      ]),
    );
    const workspacePath = mkdtempSync(path.join(tmpdir(), 'canopy-prx-'));
    mkdirSync(path.join(workspacePath, 'x'));
    writeFileSync(path.join(workspacePath, 'x', 'main.tf'), '# empty\n');
    const ctx = Object.assign(
      createMockActionContext({ input: input as any, workspacePath }),
      { isDryRun: true },
    );
    await action.handler(ctx as any);
    const out = collectOutputs(ctx);
    expect(out.branchName).toMatch(/^canopy\//);
    expect(out.remoteUrl).toBeUndefined();
  });

  // The scaffolder checks a step's input against the action's JSON schema
  // before the action runs: the path rule is there as patterns.
  it.each(['sourcePath', 'targetPath'])(
    'the JSON schema of %s refuses what the path rule refuses',
    field => {
      const validate = new Ajv({ strict: false }).compile(
        (action.schema as any).input,
      );
      const input = (value: string) => ({
        repoUrl: 'github.com?owner=acme&repo=infra',
        title: 't',
        [field]: value,
      });
      for (const bad of ['-tf', '.git', 'a/.GIT/b', 'a/..x', '/a', 'a//b'])
        expect([bad, validate(input(bad))]).toEqual([bad, false]);
      for (const good of ['.', 'openstack/web', '.github/workflows', 'x.git'])
        expect([good, validate(input(good))]).toEqual([good, true]);
    },
  );
});
