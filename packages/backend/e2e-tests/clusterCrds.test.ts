/**
 * Run with Node's test runner (scripts/test.sh does): the kubernetes backend
 * loads @kubernetes/client-node through a dynamic ESM import, which Jest's
 * CommonJS runtime cannot do without flags that break other packages.
 *
 * canopy:validate checks custom resources against the CRDs installed on the
 * target cluster, read through the kubernetes backend's proxy: a scaffolder
 * dry-run on the real backend, with the cluster's API served by a loopback
 * stand-in that holds the upstream Argo CD CRDs.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repoRoot, startCanopyBackend } from '../src/__testUtils__/backend';
import { FakeKubernetesApi } from '../src/__testUtils__/fakeKubernetesApi';

const SA_TOKEN = 'service-account-token-for-tests';
const crdFiles = [
  'argoproj.io_application-crd.yaml',
  'argoproj.io_applicationset-crd.yaml',
  'argoproj.io_appproject-crd.yaml',
];

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
    const crds = crdFiles.flatMap(f =>
      parseAllDocuments(
        readFileSync(
          path.resolve(repoRoot, '../shared/schemas/crds', f),
          'utf8',
        ),
      ).map(d => d.toJS()),
    );
    kube = new FakeKubernetesApi(crds, SA_TOKEN);
    await kube.start();
    backend = await startCanopyBackend({
      config: {
        kubernetes: {
          serviceLocatorMethod: { type: 'multiTenant' },
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'lab',
                  url: kube.url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: SA_TOKEN,
                  skipTLSVerify: true,
                },
              ],
            },
          ],
        },
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

  it('passes an Application that the cluster CRD accepts, reading CRDs page by page', async () => {
    const callsBefore = kube.requests.length;
    const { status, body } = await dryRun({ template: template(app, 'lab') });
    assert.equal(status, 200, JSON.stringify(body));
    assert.match(body.output.report, /### Canopy validation: passed/);
    const calls = kube.requests.slice(callsBefore);
    assert.equal(
      calls[0],
      'GET /apis/apiextensions.k8s.io/v1/customresourcedefinitions?limit=100',
    );
  });

  it('fails on what the cluster CRD rejects, and without the cluster has no schema at all', async () => {
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

    const noCluster = await dryRun({ template: template(app) });
    assert.match(
      JSON.stringify(noCluster.body),
      /no schema for argoproj.io\/v1alpha1 Application/,
    );
  });
});
