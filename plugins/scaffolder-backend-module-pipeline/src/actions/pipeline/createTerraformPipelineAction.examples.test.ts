import { mockServices } from '@backstage/backend-test-utils';
import {
  collectOutputs,
  dryRunIntegrations,
  exampleCases,
} from '@canopy-idp/plugin-scaffolder-node-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { gitlabCiErrors } from '../../__testUtils__/gitlabCiSchema';
import { parseGithubWorkflow } from '../../__testUtils__/githubWorkflowParser';
import { createTerraformPipelineAction } from './createTerraformPipelineAction';
import { examples } from './createTerraformPipelineAction.examples';

describe('createTerraformPipelineAction examples (dry-run: no remote call)', () => {
  const action = createTerraformPipelineAction({
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
    integrations: dryRunIntegrations(),
  });

  it.each(exampleCases(examples))('%s', async (_d, example) => {
    const step = yaml.parse(example.example).steps[0];
    expect(step.action).toBe(action.id);
    const workspacePath = mkdtempSync(path.join(tmpdir(), 'canopy-pipex-'));
    const ctx = Object.assign(
      createMockActionContext({ input: step.input, workspacePath }),
      { isDryRun: true },
    );
    await action.handler(ctx as any);
    const out = collectOutputs(ctx);
    expect(out.written).toBe(true);
    const content = readFileSync(path.join(workspacePath, out.path), 'utf8');
    const errors =
      out.provider === 'github'
        ? (await parseGithubWorkflow(out.path, content)).errors
        : gitlabCiErrors(yaml.parse(content));
    expect(errors).toEqual([]);
    expect(out.description).toMatch(/^### Terraform pipeline/);
  });
});
