/**
 * The defect classes an adversarial sweep found in the manifests Canopy
 * renders, each reproduced with its minimal input and run through the action
 * a template calls (the Terraform ones are in the OpenStack module). What the
 * files must mean is judged as their readers read them: go-yaml v2 and v3
 * and a YAML 1.1 reader (goYaml in @canopy-idp/plugin-scaffolder-node-test-utils).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { bundledCrds } from '@canopy-idp/plugin-scaffolder-node';
import {
  actionInputError,
  expectReadAsMeant,
  readAs,
  runAction,
} from '@canopy-idp/plugin-scaffolder-node-test-utils';
import {
  createArgoCdAppOfAppsAction,
  createArgoCdApplicationAction,
  createCatalogEntityAction,
  createKnativeServiceAction,
  createKroDefinitionsAction,
  createKroInstanceAction,
  createKyvernoPoliciesAction,
} from '.';

/** The only YAML file an action wrote, as go-yaml v2 (sigs.k8s.io/yaml) reads it. */
function asKubectlReadsIt(files: Record<string, string>, name?: string) {
  const file = name ?? Object.keys(files).find(f => f.endsWith('.yaml'))!;
  return readAs('go-yaml-v2', files[file]);
}

/** Each YAML file reads, for every reader, as the yaml library (YAML 1.2) reads it. */
function expectEveryReaderAgrees(files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) {
    if (!name.endsWith('.yaml')) continue;
    const docs = parseAllDocuments(text).map(d => d.toJS());
    expectReadAsMeant(docs, text);
  }
}

describe('class 1: YAML 1.1 scalars are quoted in every manifest', () => {
  it('kro:instance: a Workspace named "on" is the name on, not true', async () => {
    const { files, error } = await runAction(createKroInstanceAction(), {
      instance: { kind: 'Workspace', name: 'on' },
    });
    expect(error).toBeUndefined();
    const [doc] = asKubectlReadsIt(files) as any[];
    expect(doc.metadata.name).toBe('on');
    expect(doc.spec.name).toBe('on');
    expectEveryReaderAgrees(files);
  });

  it('argocd:application: targetRevision "1_000" is that revision, not the integer 1000', async () => {
    const { files, error } = await runAction(createArgoCdApplicationAction(), {
      name: 'payments',
      sourceRepoURL: 'https://git.example.net/payments.git',
      path: 'deploy',
      targetRevision: '1_000',
      destinationNamespace: 'payments',
    });
    expect(error).toBeUndefined();
    const [doc] = asKubectlReadsIt(files) as any[];
    expect(doc.spec.source.targetRevision).toBe('1_000');
    expectEveryReaderAgrees(files);
  });

  it('kyverno:policies: the required label "on" stays the label on, not "true"', async () => {
    const { files, error } = await runAction(createKyvernoPoliciesAction(), {
      requiredLabels: ['on'],
    });
    expect(error).toBeUndefined();
    const [policy] = asKubectlReadsIt(
      files,
      'platform/policies/require-labels.yaml',
    ) as any[];
    expect(
      Object.keys(policy.spec.rules[0].validate.pattern.metadata.labels),
    ).toEqual(['on']);
    expectEveryReaderAgrees(files);
  });

  it('from the templates: an environment called no and an image tag yes', async () => {
    const apps = await runAction(createArgoCdAppOfAppsAction(), {
      sourceRepoURL: 'https://git.example.net/gitops.git',
      environments: ['no', 'y'],
    });
    expect(apps.error).toBeUndefined();
    const dev = readAs('go-yaml-v2', apps.files['gitops/apps/env-no.yaml'])[0];
    expect((dev as any).spec.destination.namespace).toBe('no');
    expectEveryReaderAgrees(apps.files);

    const web = await runAction(createKroInstanceAction(), {
      instance: {
        kind: 'WebApplication',
        name: 'web',
        namespace: 'off',
        image: 'ghcr.io/acme/web',
        tag: 'yes',
        host: 'web.example.com',
      },
    });
    expect(web.error).toBeUndefined();
    expect((asKubectlReadsIt(web.files)[0] as any).spec.tag).toBe('yes');
    expectEveryReaderAgrees(web.files);
  });
});

describe('class 2: characters Go YAML refuses or rewrites', () => {
  it.each([
    '\u007f',
    '\u0085',
    '\u0090',
    '\u2028',
    '\u2029',
    '\ufffe',
    '\uffff',
  ])(
    'free text with U+%s is escaped and reads back the same everywhere',
    async ch => {
      const description = `one${ch}two`;
      const { files, error } = await runAction(createKroInstanceAction(), {
        instance: { kind: 'Workspace', name: 'team-a', description },
      });
      expect(error).toBeUndefined();
      const text = Object.values(files)[0];
      expect(text).not.toContain(ch);
      const [doc] = readAs('go-yaml-v2', text) as any[];
      expect(doc.metadata.annotations['canopy-idp.io/description']).toBe(
        description,
      );
      expectEveryReaderAgrees(files);
    },
  );

  it.each(['\u0085', '\u2028', '\u007f', '\u0080', '\ufffe', ' '])(
    'a URL holding U+%s is refused, naming the field: Argo CD would read another URL',
    async ch => {
      const message = await actionInputError(createArgoCdApplicationAction(), {
        name: 'payments',
        sourceRepoURL: `https://git.example.net/a${ch}b.git`,
        path: 'deploy',
        destinationNamespace: 'payments',
      });
      expect(message).toContain('sourceRepoURL');
    },
  );
});

describe('class 3: no template injection into an ApplicationSet', () => {
  /** The app-of-apps action in ApplicationSet mode: its files and the ApplicationSet it wrote. */
  async function renderApplicationSet(input: Record<string, unknown>) {
    const { files, error } = await runAction(createArgoCdAppOfAppsAction(), {
      mode: 'applicationset',
      ...input,
    });
    expect(error).toBeUndefined();
    const [appset] = parseAllDocuments(
      files['gitops/apps/environments.yaml'],
    ).map(d => d.toJS());
    return { files, appset };
  }

  it('takes every user value out of the Go template: they travel as generator data', async () => {
    const { files, appset } = await renderApplicationSet({
      sourceRepoURL: 'https://git.example.net/gitops.git',
      targetRevision: 'release/1.0',
      destinationServer: 'https://api.example.net:6443',
    });
    const template = JSON.stringify(appset.spec.template);
    for (const value of [
      'git.example.net',
      'release/1.0',
      'api.example.net',
      'gitops/environments',
    ]) {
      expect(template).not.toContain(value);
    }
    expect(appset.spec.template.spec.source).toEqual({
      repoURL: '{{.repoURL}}',
      targetRevision: '{{.targetRevision}}',
      path: '{{.path}}',
    });
    expect(appset.spec.generators[0].list.elements[0]).toMatchObject({
      env: 'dev',
      repoURL: 'https://git.example.net/gitops.git',
      targetRevision: 'release/1.0',
      path: 'gitops/environments/dev',
      server: 'https://api.example.net:6443',
    });
    expectEveryReaderAgrees(files);
  });

  it('gives every key the template refers to in each element (missingkey=error would generate no Application)', async () => {
    const { appset } = await renderApplicationSet({
      name: 'blog',
      namespacePrefix: 'team-a-',
      sourceRepoURL: 'https://git.example.net/gitops.git',
    });
    const keys = [
      ...JSON.stringify(appset.spec.template).matchAll(/\{\{\.(\w+)\}\}/g),
    ].map(m => m[1]);
    expect(keys.length).toBeGreaterThan(5);
    for (const element of appset.spec.generators[0].list.elements) {
      for (const key of keys) expect(element).toHaveProperty(key);
    }
    expect(appset.spec.generators[0].list.elements[0]).toMatchObject({
      name: 'blog-dev',
      namespace: 'team-a-dev',
    });
  });

  it('refuses template syntax in a repository URL or destination, naming the field', async () => {
    expect(
      await actionInputError(createArgoCdAppOfAppsAction(), {
        mode: 'applicationset',
        sourceRepoURL: 'https://github.com/acme/{{.env}}.git',
      }),
    ).toContain("sourceRepoURL: sourceRepoURL must not contain '{{'");
    expect(
      await actionInputError(createArgoCdAppOfAppsAction(), {
        mode: 'applicationset',
        sourceRepoURL: 'https://github.com/acme/gitops.git',
        destinationServer: 'https://{{.env}}.example.net',
      }),
    ).toContain('destinationServer');
  });
});

describe('class 7: numbers have the bounds their consumers accept', () => {
  it.each([1e21, 2 ** 63, 1.5])(
    'Topic retentionMs %d is refused, naming the field',
    async retentionMs => {
      expect(
        await actionInputError(createKroInstanceAction(), {
          instance: {
            kind: 'Topic',
            name: 'orders',
            namespace: 'kafka',
            retentionMs,
          },
        }),
      ).toContain('retentionMs');
    },
  );

  it('the largest retention is written as an integer every reader reads exactly', async () => {
    const { files, error } = await runAction(createKroInstanceAction(), {
      instance: {
        kind: 'Topic',
        name: 'orders',
        namespace: 'kafka',
        retentionMs: Number.MAX_SAFE_INTEGER,
      },
    });
    expect(error).toBeUndefined();
    expect(Object.values(files)[0]).toContain(
      `retentionMs: ${Number.MAX_SAFE_INTEGER}\n`,
    );
    expectEveryReaderAgrees(files);
  });

  it("the kafka-topic template's retentionHours cannot exceed what retentionMs takes", () => {
    const template = parse(
      readFileSync(
        path.resolve(
          __dirname,
          '../../../../templates/kafka-topic/template.yaml',
        ),
        'utf8',
      ),
    );
    const hours = template.spec.parameters
      .map((p: any) => p.properties?.retentionHours)
      .find(Boolean);
    expect(hours.maximum).toBeDefined();
    expect(hours.maximum * 3_600_000).toBeLessThanOrEqual(
      Number.MAX_SAFE_INTEGER,
    );
  });
});

describe('class 8: metadata keeps every value', () => {
  it('a __proto__ key is refused, not dropped (Knative env; instance metadata in the OpenStack module)', async () => {
    const proto = JSON.parse('{"__proto__": "x"}');
    expect(
      await actionInputError(createKnativeServiceAction(), {
        name: 'hello',
        namespace: 'fn',
        image: 'ghcr.io/acme/hello:1.0.0',
        env: proto,
      }),
    ).toContain("env name '__proto__'");
  });
});

describe('class 10: catalog entity', () => {
  const entity = {
    name: 'payments',
    type: 'service',
    owner: 'group:default/team-a',
  };
  it('an empty link title is refused, naming the field', async () => {
    expect(
      await actionInputError(createCatalogEntityAction(), {
        ...entity,
        links: [{ url: 'https://example.net', title: '' }],
      }),
    ).toContain('links.0.title');
  });

  it('a region containing a comma is refused: the annotation lists regions separated by commas', async () => {
    expect(
      await actionInputError(createCatalogEntityAction(), {
        ...entity,
        openstack: { cloud: 'lab', regions: ['RegionOne,RegionTwo'] },
      }),
    ).toContain('openstack.regions.0');
  });
});

describe('class 11: app-of-apps names', () => {
  it("each environment's Application is named after the root, so two sites' trees can share one Argo CD", async () => {
    expect(
      await actionInputError(createArgoCdAppOfAppsAction(), {
        name: 'a'.repeat(60),
        sourceRepoURL: 'https://git.example.net/gitops.git',
        environments: ['dev'],
      }),
    ).toContain(
      `environments.0: the Application of environment 'dev' would be named '${'a'.repeat(
        60,
      )}-dev', more than 63 characters`,
    );
  });

  it.each(['Team-a-', 'team-a', '-x-'])(
    'namespacePrefix %s is refused: it must end in - and begin a DNS-1123 label',
    async namespacePrefix => {
      expect(
        await actionInputError(createArgoCdAppOfAppsAction(), {
          sourceRepoURL: 'https://git.example.net/gitops.git',
          namespacePrefix,
        }),
      ).toContain('namespacePrefix');
    },
  );
});

describe('class 14: every emitted apiVersion is one the bundled CRDs serve', () => {
  it('the Topic targets kafka.strimzi.io/v1, and every resource inside the KRO definitions is a served kind', async () => {
    const { files, error } = await runAction(createKroDefinitionsAction(), {});
    expect(error).toBeUndefined();
    const crds = await bundledCrds();
    const served = new Set(crds.keys());
    const templates = Object.values(files).flatMap(text =>
      parseAllDocuments(text).flatMap(d =>
        d.toJS().spec.resources.map((r: any) => r.template),
      ),
    );
    const topic = templates.find((t: any) => t.kind === 'KafkaTopic');
    expect(topic.apiVersion).toBe('kafka.strimzi.io/v1');
    const custom = templates
      .filter(
        (t: any) =>
          t.apiVersion.includes('.') && !t.apiVersion.includes('k8s.io'),
      )
      .map((t: any) => `${t.apiVersion}/${t.kind}`);
    expect(custom.length).toBeGreaterThan(0);
    expect(custom.filter((key: string) => !served.has(key))).toEqual([]);
  });
});

describe('class 15: a policy that requires nothing', () => {
  it('requiredLabels [] renders no required-labels policy', async () => {
    const { files, error } = await runAction(createKyvernoPoliciesAction(), {
      requiredLabels: [],
    });
    expect(error).toBeUndefined();
    expect(Object.keys(files)).not.toContain(
      'platform/policies/require-labels.yaml',
    );
    expect(Object.keys(files).length).toBeGreaterThan(0);
  });
});
