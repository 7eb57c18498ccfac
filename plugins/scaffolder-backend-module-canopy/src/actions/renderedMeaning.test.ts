/**
 * The fifteen defect classes an adversarial sweep found in what Canopy
 * renders, each reproduced with its minimal input and run through the action
 * a template calls. What the files must mean is judged as their readers
 * read them: go-yaml v2 and v3 and a YAML 1.1 reader for manifests
 * (__testUtils__/goYaml.ts), HCL2 and `terraform fmt` for Terraform.
 */
import { parse as parseHcl } from '@cdktf/hcl2json';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { expectReadAsMeant, readAs } from '../__testUtils__/goYaml';
import { terraformFmtDiff } from '../__testUtils__/terraform';
import { bundledCrds } from '../lib/validate/schemaSet';
import {
  createArgoCdAppOfAppsAction,
  createArgoCdApplicationAction,
  createCatalogEntityAction,
  createKnativeServiceAction,
  createKroDefinitionsAction,
  createKroInstanceAction,
  createKyvernoPoliciesAction,
  createTerraformInstancesAction,
  createTerraformKubernetesClusterAction,
  createTerraformLoadBalancerAction,
  createTerraformNetworkAction,
} from '.';

/** Runs an action; returns the files it wrote (workspace-relative) or its error. */
async function run(action: any, input: Record<string, unknown>) {
  const workspacePath = mkdtempSync(path.join(tmpdir(), 'canopy-meaning-'));
  const ctx = createMockActionContext({ input: input as any, workspacePath });
  let error: Error | undefined;
  await action.handler(ctx as any).catch((e: Error) => {
    error = e;
  });
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else
        files[path.relative(workspacePath, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(workspacePath);
  return { files, error };
}

/** The input error an action gives, having written nothing. */
async function inputError(action: any, input: Record<string, unknown>) {
  const { files, error } = await run(action, input);
  expect(files).toEqual({});
  expect(error).toBeInstanceOf(InputError);
  expect(error?.name).toBe('InputError');
  return error!.message;
}

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

const tf = { entityRef: 'component:default/a', cloud: 'c' };

describe('class 1: YAML 1.1 scalars are quoted in every manifest', () => {
  it('kro:instance: a Workspace named "on" is the name on, not true', async () => {
    const { files, error } = await run(createKroInstanceAction(), {
      instance: { kind: 'Workspace', name: 'on' },
    });
    expect(error).toBeUndefined();
    const [doc] = asKubectlReadsIt(files) as any[];
    expect(doc.metadata.name).toBe('on');
    expect(doc.spec.name).toBe('on');
    expectEveryReaderAgrees(files);
  });

  it('argocd:application: targetRevision "1_000" is that revision, not the integer 1000', async () => {
    const { files, error } = await run(createArgoCdApplicationAction(), {
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
    const { files, error } = await run(createKyvernoPoliciesAction(), {
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
    const apps = await run(createArgoCdAppOfAppsAction(), {
      sourceRepoURL: 'https://git.example.net/gitops.git',
      environments: ['no', 'y'],
    });
    expect(apps.error).toBeUndefined();
    const dev = readAs('go-yaml-v2', apps.files['gitops/apps/env-no.yaml'])[0];
    expect((dev as any).spec.destination.namespace).toBe('no');
    expectEveryReaderAgrees(apps.files);

    const web = await run(createKroInstanceAction(), {
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
      const { files, error } = await run(createKroInstanceAction(), {
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
      const message = await inputError(createArgoCdApplicationAction(), {
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
  it('takes every user value out of the Go template: they travel as generator data', async () => {
    const { files, error } = await run(createArgoCdAppOfAppsAction(), {
      mode: 'applicationset',
      sourceRepoURL: 'https://git.example.net/gitops.git',
      targetRevision: 'release/1.0',
      destinationServer: 'https://api.example.net:6443',
    });
    expect(error).toBeUndefined();
    const [appset] = parseAllDocuments(
      files['gitops/apps/environments.yaml'],
    ).map(d => d.toJS());
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
    const { files, error } = await run(createArgoCdAppOfAppsAction(), {
      mode: 'applicationset',
      name: 'blog',
      namespacePrefix: 'team-a-',
      sourceRepoURL: 'https://git.example.net/gitops.git',
    });
    expect(error).toBeUndefined();
    const [appset] = parseAllDocuments(
      files['gitops/apps/environments.yaml'],
    ).map(d => d.toJS());
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
      await inputError(createArgoCdAppOfAppsAction(), {
        mode: 'applicationset',
        sourceRepoURL: 'https://github.com/acme/{{.env}}.git',
      }),
    ).toContain("sourceRepoURL: sourceRepoURL must not contain '{{'");
    expect(
      await inputError(createArgoCdAppOfAppsAction(), {
        mode: 'applicationset',
        sourceRepoURL: 'https://github.com/acme/gitops.git',
        destinationServer: 'https://{{.env}}.example.net',
      }),
    ).toContain('destinationServer');
  });
});

describe('class 4: Terraform resource addresses are unique', () => {
  it.each([
    [
      'a boot volume and a data volume named boot',
      createTerraformInstancesAction,
      {
        name: 'web',
        flavor: 'm1.small',
        image: 'debian',
        network: 'net',
        bootVolume: { sizeGiB: 10 },
        volumes: [{ name: 'boot', sizeGiB: 1 }],
      },
      "volumes.0.name: volume 'boot' would get the Terraform address openstack_blockstorage_volume_v3.boot, which the boot volume (bootVolume) already has",
    ],
    [
      'volumes 1a and r-1a',
      createTerraformInstancesAction,
      {
        name: 'web',
        flavor: 'm1.small',
        image: 'debian',
        network: 'net',
        volumes: [
          { name: '1a', sizeGiB: 1 },
          { name: 'r-1a', sizeGiB: 1 },
        ],
      },
      "volumes.1.name: volume 'r-1a' would get the Terraform address openstack_blockstorage_volume_v3.r_1a, which volume '1a' (volumes.0.name) already has",
    ],
    [
      'security groups 1a and r-1a',
      createTerraformNetworkAction,
      {
        name: 'net',
        cidr: '10.0.0.0/24',
        securityGroups: [{ name: '1a' }, { name: 'r-1a' }],
      },
      "securityGroups.1.name: security group 'r-1a' would get the Terraform address openstack_networking_secgroup_v2.r_1a",
    ],
    [
      'a member named member-2 beside an unnamed second member',
      createTerraformLoadBalancerAction,
      {
        name: 'lb',
        subnet: 's',
        listener: { protocol: 'HTTP', port: 80 },
        members: [
          { name: 'member-2', address: '10.0.0.1', port: 80 },
          { address: '10.0.0.2', port: 80 },
        ],
      },
      "members.1: the unnamed member 2 (10.0.0.2:80) would get the Terraform address openstack_lb_member_v2.member_2, which member 'member-2' (members.0.name) already has",
    ],
    [
      'two members named web',
      createTerraformLoadBalancerAction,
      {
        name: 'lb',
        subnet: 's',
        listener: { protocol: 'HTTP', port: 80 },
        members: [
          { name: 'web', address: '10.0.0.1', port: 80 },
          { name: 'web', address: '10.0.0.2', port: 80 },
        ],
      },
      "members.1.name: member 'web' would get the Terraform address openstack_lb_member_v2.web",
    ],
  ])(
    '%s: an InputError naming both inputs',
    async (_, create, input, message) => {
      expect(await inputError(create(), { ...tf, ...input })).toContain(
        message,
      );
    },
  );
});

describe('class 5: HCL keywords as object keys', () => {
  it('instance metadata whose first key is for is written as a quoted key that HCL and terraform fmt read', async () => {
    const { files, error } = await run(createTerraformInstancesAction(), {
      ...tf,
      name: 'web',
      flavor: 'm1.small',
      image: 'debian',
      network: 'net',
      metadata: { for: 'x', if: 'y', null: 'z', in: 'w' },
    });
    expect(error).toBeUndefined();
    const main = files['terraform/web/main.tf'];
    expect(main).toContain('"for"  = "x"');
    const hcl = await parseHcl('main.tf', main);
    expect(hcl.resource.openstack_compute_instance_v2.main[0].metadata).toEqual(
      { for: 'x', if: 'y', null: 'z', in: 'w' },
    );
    expect(terraformFmtDiff({ 'main.tf': main }) ?? '').toBe('');
  });
});

describe('class 6: an InputError, not a crash', () => {
  it('kubernetes-cluster with a valid 60-character name names `name` and the real limit', async () => {
    const message = await inputError(createTerraformKubernetesClusterAction(), {
      ...tf,
      name: 'a'.repeat(60),
      region: 'RegionOne',
      externalNetwork: 'public',
      controlPlaneFlavor: 'm1.medium',
      workerFlavor: 'm1.medium',
    });
    expect(message).toContain('name: name must be at most 56 characters');
    expect(message).not.toContain('ZodError');
  });
});

describe('class 7: numbers have the bounds their consumers accept', () => {
  it.each([1e21, 2 ** 63, 1.5])(
    'Topic retentionMs %d is refused, naming the field',
    async retentionMs => {
      expect(
        await inputError(createKroInstanceAction(), {
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
    const { files, error } = await run(createKroInstanceAction(), {
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

describe('class 8: metadata from tags keeps every value', () => {
  it('a user tag may not take the key of the entity tag', async () => {
    expect(
      await inputError(createTerraformNetworkAction(), {
        ...tf,
        name: 'net',
        cidr: '10.0.0.0/24',
        tags: ['canopy.entity=component.default.payments'],
      }),
    ).toContain(
      `tags.0: tag "canopy.entity=component.default.payments" uses the key "canopy.entity", which Canopy sets itself`,
    );
  });

  it('repeated keys are an error naming both tags', async () => {
    expect(
      await inputError(createTerraformNetworkAction(), {
        ...tf,
        name: 'net',
        cidr: '10.0.0.0/24',
        tags: ['team=a', 'team=b'],
      }),
    ).toContain(
      'tags.1: tag "team=b" repeats the key "team" of tags[0] (volumes carry tags as metadata, where a key holds one value)',
    );
  });

  it("messages hold no '; ', the separator between issues: one issue per part", async () => {
    const message = await inputError(createTerraformNetworkAction(), {
      ...tf,
      name: 'net',
      cidr: '10.0.0.1/24',
      tags: ['team=a', 'team=b', 'canopy.entity=x'],
    });
    expect(message.replace(/^Invalid input: /, '').split('; ')).toEqual([
      expect.stringMatching(/^tags\.1: tag "team=b" repeats/),
      expect.stringMatching(/^tags\.2: tag "canopy\.entity=x" uses the key/),
      expect.stringMatching(/^cidr: /),
    ]);
  });

  it('a __proto__ key is refused, not dropped (instance metadata, Knative env)', async () => {
    const proto = JSON.parse('{"__proto__": "x"}');
    expect(
      await inputError(createTerraformInstancesAction(), {
        ...tf,
        name: 'web',
        flavor: 'm1.small',
        image: 'debian',
        network: 'net',
        metadata: proto,
      }),
    ).toContain("metadata key '__proto__'");
    expect(
      await inputError(createKnativeServiceAction(), {
        name: 'hello',
        namespace: 'fn',
        image: 'ghcr.io/acme/hello:1.0.0',
        env: proto,
      }),
    ).toContain("env name '__proto__'");
  });

  it('a tag whose key is __proto__ reaches the volume metadata', async () => {
    const { files, error } = await run(createTerraformInstancesAction(), {
      ...tf,
      name: 'web',
      flavor: 'm1.small',
      image: 'debian',
      network: 'net',
      tags: ['__proto__=kept'],
      volumes: [{ name: 'data', sizeGiB: 1 }],
    });
    expect(error).toBeUndefined();
    const hcl = await parseHcl('main.tf', files['terraform/web/main.tf']);
    expect(
      Object.keys(
        hcl.resource.openstack_blockstorage_volume_v3.data[0].metadata,
      ),
    ).toContain('__proto__');
  });
});

describe('class 9: terraform fmt alignment counts what fmt counts', () => {
  it('volume metadata from a tag with an emoji and a combining mark passes terraform fmt -check', async () => {
    const { files, error } = await run(createTerraformInstancesAction(), {
      ...tf,
      name: 'web',
      flavor: 'm1.small',
      image: 'debian',
      network: 'net',
      tags: ['👍🏽=a', 'q\u0307=b', 'x=c'],
      volumes: [{ name: 'data', sizeGiB: 1 }],
    });
    expect(error).toBeUndefined();
    const main = files['terraform/web/main.tf'];
    expect(terraformFmtDiff({ 'main.tf': main }) ?? '').toBe('');
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
      await inputError(createCatalogEntityAction(), {
        ...entity,
        links: [{ url: 'https://example.net', title: '' }],
      }),
    ).toContain('links.0.title');
  });

  it('a region containing a comma is refused: the annotation lists regions separated by commas', async () => {
    expect(
      await inputError(createCatalogEntityAction(), {
        ...entity,
        openstack: { cloud: 'lab', regions: ['RegionOne,RegionTwo'] },
      }),
    ).toContain('openstack.regions.0');
  });
});

describe('class 11: app-of-apps names', () => {
  it("each environment's Application is named after the root, so two sites' trees can share one Argo CD", async () => {
    expect(
      await inputError(createArgoCdAppOfAppsAction(), {
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
        await inputError(createArgoCdAppOfAppsAction(), {
          sourceRepoURL: 'https://git.example.net/gitops.git',
          namespacePrefix,
        }),
      ).toContain('namespacePrefix');
    },
  );
});

describe('class 12: IPs and CIDRs only in canonical form', () => {
  it.each([
    ['cidr', { cidr: '010.0.0.0/8' }],
    ['cidr', { cidr: '10.1/16' }],
    ['cidr', { cidr: '167772160/8' }],
    ['cidr', { cidr: '10.0.0.0/08' }],
    ['gatewayIp', { cidr: '10.0.0.0/24', gatewayIp: '10.0.0.01' }],
    [
      'dnsNameservers.0',
      { cidr: '10.0.0.0/24', dnsNameservers: ['167772161'] },
    ],
    [
      'dnsNameservers.0',
      { cidr: '10.0.0.0/24', dnsNameservers: ['fe80::1%eth0'] },
    ],
    [
      'dnsNameservers.0',
      { cidr: '10.0.0.0/24', dnsNameservers: ['2001:DB8::1'] },
    ],
  ])('%s %j is refused, naming the field', async (field, input) => {
    expect(
      await inputError(createTerraformNetworkAction(), {
        ...tf,
        name: 'net',
        ...input,
      }),
    ).toContain(`${field}: must be`);
  });
});

describe('class 13: the cluster cloud.conf region', () => {
  it('a region with a newline cannot inject a [Global] section', async () => {
    expect(
      await inputError(createTerraformKubernetesClusterAction(), {
        ...tf,
        name: 'k',
        region: 'RegionOne\n[Global]\nauth-url=https://evil.example',
        externalNetwork: 'public',
        controlPlaneFlavor: 'm1.medium',
        workerFlavor: 'm1.medium',
      }),
    ).toContain('region: region must be a region name');
  });
});

describe('class 14: every emitted apiVersion is one the bundled CRDs serve', () => {
  it('the Topic targets kafka.strimzi.io/v1, and every resource inside the KRO definitions is a served kind', async () => {
    const { files, error } = await run(createKroDefinitionsAction(), {});
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
    const { files, error } = await run(createKyvernoPoliciesAction(), {
      requiredLabels: [],
    });
    expect(error).toBeUndefined();
    expect(Object.keys(files)).not.toContain(
      'platform/policies/require-labels.yaml',
    );
    expect(Object.keys(files).length).toBeGreaterThan(0);
  });
});
