import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
  BundledCrdSource,
  addCrds,
  bundledCrds,
  bundledSchemaPath,
} from './schemaSet';

describe("the package's bundled CRDs", () => {
  const dir = bundledSchemaPath('crds');
  const files = readdirSync(dir).filter(
    f => f.endsWith('.yaml') && f !== 'sources.yaml',
  );
  const sources = parse(
    readFileSync(bundledSchemaPath('crds', 'sources.yaml'), 'utf8'),
  ) as BundledCrdSource[];
  const readme = readFileSync(bundledSchemaPath('README.md'), 'utf8');

  it('names the project, version, licence and upstream file of every CRD, in sources.yaml and the README', () => {
    expect(sources.map(s => s.file).sort()).toEqual(files.sort());
    for (const s of sources) {
      expect(s.project).toBeTruthy();
      expect(s.version).toBeTruthy();
      expect(s.license).toBe('Apache-2.0');
      expect(s.url).toMatch(/^https:\/\/github\.com\//);
      expect(readme).toContain(`\`${s.file}\``);
    }
  });

  it('holds the kinds Canopy emits, each named by its source', async () => {
    const crds = await bundledCrds();
    for (const [key, file] of [
      ['argoproj.io/v1alpha1/Application', 'argoproj.io_application-crd.yaml'],
      [
        'argoproj.io/v1alpha1/ApplicationSet',
        'argoproj.io_applicationset-crd.yaml',
      ],
      [
        'kro.run/v1alpha1/ResourceGraphDefinition',
        'kro.run_resourcegraphdefinitions.yaml',
      ],
      ['kyverno.io/v1/ClusterPolicy', 'kyverno.io_clusterpolicies.yaml'],
      [
        'kafka.strimzi.io/v1/KafkaTopic',
        'kafka.strimzi.io_043-Crd-kafkatopic.yaml',
      ],
      ['postgresql.cnpg.io/v1/Cluster', 'postgresql.cnpg.io_clusters.yaml'],
      ['serving.knative.dev/v1/Service', 'serving.knative.dev_services.yaml'],
    ]) {
      const source = sources.find(s => s.file === file)!;
      expect(crds.get(key)?.source).toBe(
        `Canopy's bundled ${source.project} ${source.version} CRD (${file})`,
      );
    }
  });

  it('lets a later source replace a kind, and only that kind', async () => {
    const crds = new Map(await bundledCrds());
    const before = crds.get('argoproj.io/v1alpha1/AppProject');
    addCrds(
      crds,
      [
        {
          kind: 'CustomResourceDefinition',
          spec: {
            group: 'argoproj.io',
            names: { kind: 'Application' },
            versions: [
              {
                name: 'v1alpha1',
                schema: { openAPIV3Schema: { type: 'object' } },
              },
            ],
          },
        },
      ],
      'the CRDs installed on cluster lab',
    );
    expect(crds.get('argoproj.io/v1alpha1/Application')).toEqual({
      source: 'the CRDs installed on cluster lab',
      schema: { type: 'object' },
    });
    expect(crds.get('argoproj.io/v1alpha1/AppProject')).toBe(before);
    // The process-wide bundled set is untouched.
    expect(
      (await bundledCrds()).get('argoproj.io/v1alpha1/Application')?.source,
    ).toMatch(/^Canopy's bundled Argo CD/);
  });
});
