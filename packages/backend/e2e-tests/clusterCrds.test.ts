/**
 * Run with Node's test runner (scripts/test.sh does): the kubernetes backend
 * loads @kubernetes/client-node through a dynamic ESM import, which Jest's
 * CommonJS runtime cannot do without flags that break other packages.
 *
 * canopy:validate checks custom resources against the CRDs installed on the
 * target cluster, read through the kubernetes backend's proxy, in place of the
 * CRDs the scaffolder module bundles: a scaffolder dry-run on the real
 * backend, with the cluster's API served by a loopback stand-in that holds
 * Argo CD CRDs whose Application accepts only repositories under
 * https://git.example.net/ (a stand-in for a cluster whose CRD differs from
 * the bundled one), so the two schemas give different answers.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repoRoot, startCanopyBackend } from '../src/__testUtils__/backend';
import { FakeKubernetesApi } from '@canopy-idp/plugin-delivery-backend/testUtils';

const SA_TOKEN = 'service-account-token-for-tests';
const crdFiles = [
  'argoproj.io_application-crd.yaml',
  'argoproj.io_applicationset-crd.yaml',
  'argoproj.io_appproject-crd.yaml',
];
const bundledCrdDir = path.resolve(
  repoRoot,
  'plugins/scaffolder-node/schemas/crds',
);

/** The bundled Argo CD CRDs, the Application's `spec.source.repoURL` narrowed to git.example.net. */
function clusterCrds() {
  const crds = crdFiles.flatMap(f =>
    parseAllDocuments(readFileSync(path.join(bundledCrdDir, f), 'utf8')).map(
      d => d.toJS(),
    ),
  );
  for (const crd of crds) {
    if (crd.spec.names.kind !== 'Application') continue;
    for (const version of crd.spec.versions) {
      version.schema.openAPIV3Schema.properties.spec.properties.source.properties.repoURL.pattern =
        '^https://git\\.example\\.net/';
    }
  }
  return crds;
}

function template(applicationInput: Record<string, unknown>, cluster?: string) {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name: 'cluster-crds', title: 'cluster CRDs' },
    spec: {
      type: 'service',
      owner: 'group:default/canopy-team',
      parameters: [],
      steps: [
        {
          id: 'app',
          name: 'Render',
          action: 'canopy:argocd:application',
          input: applicationInput,
        },
        {
          id: 'validate',
          name: 'Validate',
          action: 'canopy:validate',
          input: cluster ? { cluster } : {},
        },
      ],
      output: { report: '${{ steps.validate.output.report }}' },
    },
  };
}

describe('canopy:validate with the CRDs installed on the target cluster', () => {
  let kube: FakeKubernetesApi;
  let backend: Awaited<ReturnType<typeof startCanopyBackend>>;

  before(async () => {
    kube = new FakeKubernetesApi(clusterCrds(), SA_TOKEN);
    await kube.start();
    backend = await startCanopyBackend({
      config: {
        kubernetes: kube.kubernetesConfig(),
      },
    });
  });

  after(async () => {
    await backend?.stop();
    await kube?.stop();
  });

  async function dryRun(body: object) {
    const res = await fetch(`${backend.baseUrl}/api/scaffolder/v2/dry-run`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${backend.token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        values: {},
        secrets: {},
        directoryContents: [],
        ...body,
      }),
    });
    return { status: res.status, body: await res.json() };
  }

  const app = {
    name: 'payments',
    sourceRepoURL: 'https://git.example.net/payments.git',
    path: 'deploy',
    destinationNamespace: 'payments',
  };

  it('without a cluster, passes the Application against the bundled Argo CD CRD and says so', async () => {
    const { status, body } = await dryRun({ template: template(app) });
    assert.equal(status, 200, JSON.stringify(body));
    assert.match(body.output.report, /### Canopy validation: passed/);
    assert.match(
      body.output.report,
      /`argoproj.io\/v1alpha1 Application`: Canopy's bundled Argo CD .* CRD \(argoproj.io_application-crd.yaml\)/,
    );
  });

  it("with a cluster, checks against the cluster's CRD instead, reading CRDs page by page", async () => {
    const callsBefore = kube.requests.length;
    const { status, body } = await dryRun({ template: template(app, 'lab') });
    assert.equal(status, 200, JSON.stringify(body));
    assert.match(
      body.output.report,
      /`argoproj.io\/v1alpha1 Application`: the CRDs installed on cluster lab/,
    );
    const calls = kube.requests.slice(callsBefore);
    assert.equal(
      calls[0],
      'GET /apis/apiextensions.k8s.io/v1/customresourcedefinitions?limit=100',
    );

    // What the bundled CRD accepts, the cluster's refuses.
    const github = { ...app, sourceRepoURL: 'https://github.com/acme/x.git' };
    const bundled = await dryRun({ template: template(github) });
    assert.match(bundled.body.output.report, /validation: passed/);
    const onCluster = await dryRun({ template: template(github, 'lab') });
    assert.match(
      JSON.stringify(onCluster.body),
      /spec\/source\/repoURL must match pattern/,
    );
  });

  it("fails on a misspelt field in a hand-written file against the cluster's CRD", async () => {
    // A hand-written Application with a misspelt field, fetched into the workspace.
    const misspelt = Buffer.from(
      [
        'apiVersion: argoproj.io/v1alpha1',
        'kind: Application',
        'metadata:',
        '  name: typo',
        'spec:',
        '  project: default',
        '  source: {repoURL: https://git.example.net/x.git, path: x}',
        '  destinaton: {server: https://kubernetes.default.svc, namespace: x}',
        '',
      ].join('\n'),
    ).toString('base64');
    const base = template(app, 'lab');
    const bad = await dryRun({
      template: {
        ...base,
        spec: {
          ...base.spec,
          steps: [
            {
              id: 'fetch',
              name: 'Fetch',
              action: 'fetch:plain',
              input: { url: './skeleton', targetPath: 'manual' },
            },
            {
              id: 'validate',
              name: 'Validate',
              action: 'canopy:validate',
              input: { cluster: 'lab' },
            },
          ],
        },
      },
      directoryContents: [
        { path: 'skeleton/app.yaml', base64Content: misspelt },
      ],
    });
    const badLog = JSON.stringify(bad.body);
    assert.match(badLog, /Validation failed/);
    assert.match(badLog, /unknown field spec.destinaton/);
  });
});
