import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { instanceInput, renderInstance } from '../../lib/kubernetes/kro';
import { collectOutputs } from '@canopy-idp/plugin-scaffolder-node-test-utils';
import { bundledSchemaPath } from '@canopy-idp/plugin-scaffolder-node';
import { createValidateAction } from './createValidateAction';
import { examples } from './createValidateAction.examples';

function workspace(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'canopy-validate-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const GOOD_TF =
  'resource "openstack_blockstorage_volume_v3" "data" {\n  name = "data"\n  size = 10\n}\n';
const GOOD_APP = yaml.stringify({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'payments', namespace: 'argocd' },
  spec: {
    project: 'default',
    source: {
      repoURL: 'https://git.example.net/payments.git',
      path: 'deploy',
      targetRevision: 'main',
    },
    destination: {
      server: 'https://kubernetes.default.svc',
      namespace: 'payments',
    },
  },
});

async function run(
  workspacePath: string,
  input: Record<string, unknown> = {},
  config: object = {},
) {
  const action = createValidateAction({ config: new ConfigReader(config) });
  const ctx = createMockActionContext({
    input: { path: '.', ...input },
    workspacePath,
  });
  let error: Error | undefined;
  await action.handler(ctx as any).catch(e => {
    error = e;
  });
  return { outputs: collectOutputs(ctx), error };
}

describe('createValidateAction', () => {
  it.each(examples.map(e => [e.description, e]))(
    'example: %s',
    async (_d, example) => {
      const step = yaml.parse(example.example).steps[0];
      const dir = workspace({
        'manifests/app.yaml': GOOD_APP,
        'terraform/main.tf': GOOD_TF,
      });
      const crdDirectory = workspace({
        'crds/application.yaml': readFileSync(
          bundledSchemaPath('crds', 'argoproj.io_application-crd.yaml'),
          'utf8',
        ),
      });
      const { outputs, error } = await run(dir, {
        ...step.input,
        crdDirectory: path.join(crdDirectory, 'crds'),
      });
      expect(error).toBeUndefined();
      expect(outputs.ok).toBe(true);
    },
    120_000,
  );

  it('validates every kind Canopy emits with no configuration, naming the source of each schema', async () => {
    const { outputs, error } = await run(
      workspace({
        'terraform/main.tf': GOOD_TF,
        'manifests/app.yaml': GOOD_APP,
        'manifests/ns.yaml': yaml.stringify({
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'payments' },
        }),
      }),
    );
    expect(error).toBeUndefined();
    expect(outputs.schemas).toEqual([
      {
        subject: 'Terraform openstack_* resources',
        source:
          "Canopy's bundled terraform-provider-openstack argument list (27f26125)",
      },
      {
        subject: 'argoproj.io/v1alpha1 Application',
        source: expect.stringMatching(
          /^Canopy's bundled Argo CD .+ CRD \(argoproj.io_application-crd.yaml\)$/,
        ),
      },
      {
        subject: 'v1 Namespace',
        source: expect.stringMatching(/^kubernetes-models \d+\.\d+\.\d+$/),
      },
    ]);
    expect(outputs.report).toContain('Schemas used');
  }, 120_000);

  it('takes a kind from crdDirectory in place of the bundled CRD, and says so', async () => {
    const narrowed = yaml.parse(
      readFileSync(
        bundledSchemaPath('crds', 'argoproj.io_application-crd.yaml'),
        'utf8',
      ),
    );
    for (const v of narrowed.spec.versions) {
      v.schema.openAPIV3Schema.properties.spec.required = [
        ...v.schema.openAPIV3Schema.properties.spec.required,
        'info',
      ];
    }
    const crdDirectory = workspace({
      'application.yaml': yaml.stringify(narrowed),
    });
    const { outputs, error } = await run(
      workspace({ 'manifests/app.yaml': GOOD_APP }),
      {},
      { canopy: { scaffolder: { crdDirectory } } },
    );
    expect(error?.message).toContain("must have required property 'info'");
    expect(outputs.schemas).toEqual([
      {
        subject: 'argoproj.io/v1alpha1 Application',
        source: path.join(crdDirectory, 'application.yaml'),
      },
    ]);
  }, 120_000);

  it("knows Canopy's own abstractions without their definitions in the workspace", async () => {
    const { outputs, error } = await run(
      workspace({
        'user-space/team-a/workspace.yaml': yaml.stringify(
          renderInstance(
            instanceInput.parse({ kind: 'Workspace', name: 'team-a' }),
          ),
        ),
      }),
    );
    expect(error).toBeUndefined();
    expect(outputs.errors).toBe(0);
  }, 120_000);

  it("leaves CI files to their CI: Canopy's pipelines, GitHub's and GitLab's folders", async () => {
    // CI files are YAML without apiVersion and kind, as canopy:pipeline:terraform writes them.
    const workflow =
      'name: canopy-terraform\non: [push]\njobs:\n  plan:\n    runs-on: ubuntu-latest\n    steps: []\n';
    const gitlabCi =
      'stages: [plan]\nplan:\n  stage: plan\n  script: [terraform plan]\n';
    const { outputs, error } = await run(
      workspace({
        'terraform/main.tf': GOOD_TF,
        '.github/workflows/canopy-terraform.yaml': workflow,
        '.github/dependabot.yml': 'version: 2\nupdates: []\n',
        '.gitlab-ci.yml': gitlabCi,
        '.gitlab/ci/extra.yml': 'job:\n  script: [true]\n',
      }),
    );
    expect(error).toBeUndefined();
    expect(outputs.findings).toEqual([]);
    // Only the Terraform file was checked.
    expect(outputs.schemas.map((s: { subject: string }) => s.subject)).toEqual([
      'Terraform openstack_* resources',
    ]);
    // A manifest under a folder merely named like them is still checked.
    const again = await run(
      workspace({ 'apps/github/broken.yaml': 'kind: Nothing\n' }),
    );
    expect(again.error?.message).toContain('needs apiVersion and kind');
  }, 120_000);

  it('passes valid Terraform and manifests, with a markdown report', async () => {
    const { outputs, error } = await run(
      workspace({
        'terraform/main.tf': GOOD_TF,
        'manifests/app.yaml': GOOD_APP,
      }),
    );
    expect(error).toBeUndefined();
    expect(outputs.errors).toBe(0);
    expect(outputs.report).toContain('### Canopy validation: passed');
  }, 120_000);

  it('fails the step on each kind of error, naming file and rule', async () => {
    const dir = workspace({
      'a/main.tf':
        'resource "openstack_blockstorage_volume_v3" "x" {\n  size = 1\n  colour = "red"\n}\n',
      'b/main.tf': 'resource "openstack_made_up_v9" "x" {\n  name = "x"\n}\n',
      'c/main.tf': 'resource "x" {\n',
      'd/main.tf':
        'resource "openstack_blockstorage_volume_v3" "x" {\nsize=1\n}\n',
      'manifests/bad-app.yaml': yaml.stringify({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: 'x' },
        spec: { project: 'default', destinaton: {} },
      }),
      'manifests/bad-deploy.yaml': yaml.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'x' },
        spec: { replicas: 'two' },
      }),
      'manifests/unknown.yaml': yaml.stringify({
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'x' },
      }),
      'manifests/broken.yaml': 'a: [1, 2\n',
    });
    const { outputs, error } = await run(dir);
    expect(error?.message).toMatch(/^Validation failed with \d+ error\(s\)/);
    const byRule = (rule: string) =>
      outputs.findings
        .filter((f: any) => f.rule === rule)
        .map((f: any) => `${f.file}: ${f.message}`);
    expect(byRule('provider-argument')).toEqual([
      'a/main.tf: openstack_blockstorage_volume_v3.x: openstack_blockstorage_volume_v3 has no argument colour',
    ]);
    expect(byRule('provider-resource')[0]).toContain('openstack_made_up_v9');
    expect(byRule('hcl-parse')[0]).toMatch(
      /^c\/main\.tf: does not parse as HCL/,
    );
    expect(byRule('crd-schema').join('\n')).toContain(
      'unknown field spec.destinaton',
    );
    expect(byRule('crd-schema').join('\n')).toContain(
      "must have required property 'destination'",
    );
    expect(byRule('kubernetes-schema')[0]).toContain('Deployment x');
    expect(byRule('schema-missing')[0]).toContain(
      'no schema for example.com/v1 Widget',
    );
    expect(byRule('yaml-parse')[0]).toMatch(/^manifests\/broken\.yaml/);
    const terraformMissing = outputs.findings.some(
      (f: any) => f.rule === 'terraform-fmt' && f.level === 'info',
    );
    expect(
      terraformMissing ||
        byRule('terraform-fmt').some((f: string) => f.startsWith('d/main.tf')),
    ).toBe(true);
  }, 120_000);

  it('only reports when failOnError is false', async () => {
    const { outputs, error } = await run(
      workspace({ 'main.tf': 'resource "x" {\n' }),
      { failOnError: false },
    );
    expect(error).toBeUndefined();
    expect(outputs.ok).toBe(false);
  }, 120_000);
});
