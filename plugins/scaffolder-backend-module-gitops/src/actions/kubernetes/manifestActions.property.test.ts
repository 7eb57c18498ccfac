/**
 * Property tests: for every manifest action, generated inputs (adversarial
 * text where the action takes free text, and the whole valid space of names,
 * lists and numbers elsewhere, with the names YAML 1.1 types: on, no, y,
 * 017, 0b1, 1e3, ...) always give YAML that go-yaml v2 (kubectl, Argo CD,
 * Kyverno), go-yaml v3 (kustomize, Flux) and a YAML 1.1 reader read back
 * exactly, every value with its type (goYaml in @canopy-idp/plugin-scaffolder-node-test-utils). Same input,
 * byte-identical output. At least 2,000 runs per action.
 */
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import {
  applicationInput,
  fluxKustomizationInput,
  application,
  renderFluxKustomization,
} from '../../lib/kubernetes/gitops';
import {
  appOfAppsInput,
  renderAppOfApps,
} from '../../lib/kubernetes/appOfApps';
import {
  definitionsInput,
  instanceInput,
  renderDefinitions,
  renderInstance,
} from '../../lib/kubernetes/kro';
import {
  kyvernoInput,
  renderKyvernoPolicies,
} from '../../lib/kubernetes/kyverno';
import {
  knativeServiceInput,
  renderKnativeService,
} from '../../lib/kubernetes/knative';
import { renderYaml } from '@canopy-idp/plugin-scaffolder-node';
import {
  expectReadAsMeant,
  PROPERTY_TIMEOUT_MS,
  propertyParameters,
} from '@canopy-idp/plugin-scaffolder-node-test-utils';

jest.setTimeout(PROPERTY_TIMEOUT_MS);
const roundTrip = (docs: object[]) => {
  const text = renderYaml(docs);
  expect(renderYaml(docs)).toBe(text);
  const parsed = parseAllDocuments(text);
  for (const d of parsed) expect(d.errors).toEqual([]);
  expectReadAsMeant(docs, text);
  return parsed.map(d => d.toJS());
};
/** DNS-1123 labels that YAML 1.1 or Go would type when written plain. */
const TYPED_LABELS = [
  'on',
  'off',
  'yes',
  'no',
  'y',
  'n',
  'true',
  'false',
  'null',
  '0b1',
  '0o17',
  '017',
  '08',
  '0x1f',
  '1e3',
  '12',
  '-1',
  '2001-12-14',
  'nan',
  'inf',
];
const label = fc.oneof(
  fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/),
  fc.constantFrom(...TYPED_LABELS.filter(l => /^[a-z0-9]/.test(l))),
);
/** Text that a YAML 1.1 or Go reader would take for something else, or refuse, written raw. */
const yamlHostile = fc.constantFrom(
  'on',
  'On',
  'YES',
  'No',
  'y',
  'N',
  'Off',
  'TRUE',
  'False',
  'NULL',
  '~',
  '0b1',
  '0o17',
  '017',
  '1_000',
  '0x_1',
  '12:30:00',
  '1:20',
  '.inf',
  '-.Inf',
  '.NaN',
  '2001-12-14',
  '<<',
  '=',
  '+1',
  '-0',
  '\u007f',
  '\u0080',
  '\u0085',
  '\u009f',
  '\u2028',
  '\u2029',
  '\ufffe',
  '\uffff',
  '\ufeff',
  '\u00a0',
);
const special = fc.constantFrom(
  '"',
  '\\',
  '${x}',
  '{{ .env }}',
  '\n',
  '\r\n',
  '\t',
  '\u0000',
  ': ',
  '- ',
  '? ',
  '&a',
  '*a',
  '!!str',
  '---',
  '...',
  '|',
  '>',
  '#',
  "'",
  '%',
  '@',
  '`',
  'null',
  'true',
  '~',
  '0x1F',
  '1e3',
  'é',
  '🌲',
);
const text = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      special,
      yamlHostile,
      yamlHostile,
    ),
    {
      minLength: 1,
      maxLength: 5,
    },
  )
  .map(p => p.join('').normalize('NFC').slice(0, 255))
  .filter(
    s =>
      s.length > 0 &&
      !/[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')),
  );

describe('manifest actions with generated input', () => {
  it('kro:instance keeps every value, free-text descriptions included', () => {
    fc.assert(
      fc.property(
        label,
        label,
        text,
        fc.integer({ min: 1, max: 100 }),
        (name, ns, description, replicas) => {
          const input = instanceInput.parse({
            kind: 'WebApplication',
            name,
            namespace: ns,
            image: 'ghcr.io/acme/app',
            tag: '1.0.0',
            replicas,
            host: 'app.example.com',
            description,
          });
          const [doc] = roundTrip([
            renderInstance({ ...input, entityRef: 'component:default/app' }),
          ]);
          expect(doc.metadata.annotations['canopy-idp.io/description']).toBe(
            description,
          );
          expect(doc.spec).toMatchObject({ name, namespace: ns, replicas });
        },
      ),
      propertyParameters,
    );
  });

  it('kro:definitions keeps the namespaces and cluster it is given', () => {
    fc.assert(
      fc.property(label, label, label, (ingress, kafkaNs, cluster) => {
        const defs = renderDefinitions(
          definitionsInput.parse({
            ingressNamespace: ingress,
            kafkaNamespace: kafkaNs,
            kafkaCluster: cluster,
          }),
        );
        const docs = roundTrip(Object.values(defs));
        const topic = docs.find(d => d.spec.schema.kind === 'Topic').spec
          .resources[0].template;
        expect(topic.metadata).toMatchObject({
          namespace: kafkaNs,
          labels: { 'strimzi.io/cluster': cluster },
        });
      }),
      propertyParameters,
    );
  });

  it('argocd:application keeps repository, path and destination', () => {
    fc.assert(
      fc.property(
        label,
        label,
        fc.stringMatching(/^[a-z0-9]{1,10}(\/[a-z0-9_][a-z0-9._-]{0,9}){0,3}$/),
        fc.oneof(
          fc.stringMatching(/^[A-Za-z0-9._/-]{1,20}$/),
          fc.constantFrom('1_000', '0b1', 'yes', 'On', '1.0', '017', 'null'),
        ),
        (name, ns, path, revision) => {
          const input = applicationInput.parse({
            name,
            sourceRepoURL: `https://git.example.net/${name}.git`,
            path,
            targetRevision: revision,
            destinationNamespace: ns,
          });
          const [doc] = roundTrip([application(input)]);
          expect(doc.spec.source).toEqual({
            repoURL: `https://git.example.net/${name}.git`,
            targetRevision: revision,
            path,
          });
          expect(doc.spec.destination.namespace).toBe(ns);
        },
      ),
      propertyParameters,
    );
  });

  it('argocd:app-of-apps has one Application (or generator element) per environment', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(label, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (envs, set) => {
          const files = renderAppOfApps(
            appOfAppsInput.parse({
              sourceRepoURL: 'https://git.example.net/p.git',
              environments: envs,
              mode: set ? 'applicationset' : 'applications',
            }),
          );
          const docs = roundTrip(Object.values(files).flat());
          const deployed = set
            ? docs[1].spec.generators[0].list.elements.map(
                (e: { env: string }) => e.env,
              )
            : docs.slice(1).map(d => d.spec.destination.namespace);
          expect(deployed).toEqual(envs);
        },
      ),
      propertyParameters,
    );
  });

  it('flux:kustomization keeps path, interval and dependencies', () => {
    fc.assert(
      fc.property(
        label,
        fc.uniqueArray(label, { maxLength: 5 }),
        fc.integer({ min: 1, max: 999 }),
        (name, deps, minutes) => {
          const [doc] = roundTrip([
            renderFluxKustomization(
              fluxKustomizationInput.parse({
                name,
                path: `apps/${name}`,
                interval: `${minutes}m`,
                dependsOn: deps,
              }),
            ),
          ]);
          expect(doc.spec.path).toBe(`./apps/${name}`);
          expect(doc.spec.interval).toBe(`${minutes}m`);
          expect(doc.spec.dependsOn ?? []).toEqual(
            deps.map(n => ({ name: n })),
          );
        },
      ),
      propertyParameters,
    );
  });

  it('kyverno:policies keeps registries, labels and exclusions', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.stringMatching(/^[a-z0-9]{1,8}\.[a-z]{2,5}(\/[a-z0-9]{1,8})?$/),
          { minLength: 1, maxLength: 4 },
        ),
        fc.uniqueArray(label, { maxLength: 4 }),
        fc.uniqueArray(label, { maxLength: 4 }),
        (registries, excluded, required) => {
          const docs = roundTrip(
            Object.values(
              renderKyvernoPolicies(
                kyvernoInput.parse({
                  allowedRegistries: registries,
                  excludeNamespaces: excluded,
                  requiredLabels: required,
                }),
              ),
            ),
          );
          const labels = docs.find(
            d => d.metadata.name === 'canopy-require-labels',
          );
          // No required labels, no such policy.
          expect(
            Object.keys(
              labels?.spec.rules[0].validate.pattern.metadata.labels ?? {},
            ).sort(),
          ).toEqual([...required].sort());
          expect(labels === undefined).toBe(required.length === 0);
          const registryPolicy = docs.find(
            d => d.metadata.name === 'canopy-allowed-registries',
          );
          expect(
            registryPolicy.spec.rules[0].validate.pattern.spec.containers[0]
              .image,
          ).toBe(registries.map(r => `${r}/*`).join(' | '));
          expect(
            registryPolicy.spec.rules[0].exclude.any[0].resources.namespaces,
          ).toEqual(excluded);
        },
      ),
      propertyParameters,
    );
  });

  it('kro:instance of every kind keeps every value, with its type', () => {
    fc.assert(
      fc.property(
        label,
        label,
        text,
        fc.integer({ min: -1, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('Workspace', 'Infrastructure', 'Topic'),
        (name, ns, description, retentionMs, kind) => {
          const specs = {
            Workspace: { name, description },
            Topic: { name, namespace: ns, retentionMs, description },
            Infrastructure: {
              name,
              namespace: ns,
              database: 'app',
              redisPasswordSecret: ns,
              description,
            },
          };
          const spec = specs[kind];
          const input = instanceInput.parse({ kind, ...spec });
          const [doc] = roundTrip([renderInstance(input)]);
          expect(doc.metadata.name).toBe(name);
          expect(doc.metadata.annotations['canopy-idp.io/description']).toBe(
            description,
          );
          expect(doc.spec.retentionMs).toBe(
            kind === 'Topic' ? retentionMs : undefined,
          );
        },
      ),
      propertyParameters,
    );
  });

  it('knative:service keeps environment values and names, with their types', () => {
    fc.assert(
      fc.property(
        label,
        label,
        fc.dictionary(
          fc
            .stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/)
            .filter(k => k !== '__proto__'),
          text,
          { maxKeys: 5 },
        ),
        fc.oneof(
          fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,10}$/),
          fc.constantFrom('yes', 'on', '1_000', '1.0', '017', '0b1'),
        ),
        (name, ns, env, tag) => {
          fc.pre(tag !== 'latest');
          const input = knativeServiceInput.parse({
            name,
            namespace: ns,
            image: `ghcr.io/acme/fn:${tag}`,
            env,
          });
          const [doc] = roundTrip([renderKnativeService(input)]);
          expect(doc.metadata.name).toBe(name);
          const container = doc.spec.template.spec.containers[0];
          expect(
            Object.fromEntries(
              (container.env ?? []).map((e: any) => [e.name, e.value]),
            ),
          ).toEqual(env);
        },
      ),
      propertyParameters,
    );
  });
});
