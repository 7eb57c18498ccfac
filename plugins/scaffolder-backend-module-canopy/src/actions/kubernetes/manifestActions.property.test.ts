/**
 * Property tests: for every manifest action, generated inputs (adversarial
 * text where the action takes free text, and the whole valid space of names,
 * lists and numbers elsewhere) always give YAML that parses, and every value
 * comes back exactly. Same input, byte-identical output.
 */
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import {
  appOfAppsInput,
  applicationInput,
  fluxKustomizationInput,
  renderAppOfApps,
  application,
  renderFluxKustomization,
} from '../../lib/kubernetes/gitops';
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
import { renderYaml } from '../../lib/kubernetes/yaml';

const RUNS = 1000;
const roundTrip = (docs: object[]) => {
  const text = renderYaml(docs);
  expect(renderYaml(docs)).toBe(text);
  const parsed = parseAllDocuments(text);
  for (const d of parsed) expect(d.errors).toEqual([]);
  return parsed.map(d => d.toJS());
};
const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/);
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
  .array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 8 }), special), {
    minLength: 1,
    maxLength: 5,
  })
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
      { numRuns: RUNS },
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
      { numRuns: RUNS },
    );
  });

  it('argocd:application keeps repository, path and destination', () => {
    fc.assert(
      fc.property(
        label,
        label,
        fc.stringMatching(
          /^[a-z0-9]{1,10}(\/[a-z0-9_-][a-z0-9._-]{0,9}){0,3}$/,
        ),
        (name, ns, path) => {
          const input = applicationInput.parse({
            name,
            sourceRepoURL: `https://git.example.net/${name}.git`,
            path,
            destinationNamespace: ns,
          });
          const [doc] = roundTrip([application(input)]);
          expect(doc.spec.source).toEqual({
            repoURL: `https://git.example.net/${name}.git`,
            targetRevision: 'main',
            path,
          });
          expect(doc.spec.destination.namespace).toBe(ns);
        },
      ),
      { numRuns: RUNS },
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
      { numRuns: RUNS },
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
      { numRuns: RUNS },
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
        (registries, excluded) => {
          const docs = roundTrip(
            Object.values(
              renderKyvernoPolicies(
                kyvernoInput.parse({
                  allowedRegistries: registries,
                  excludeNamespaces: excluded,
                }),
              ),
            ),
          );
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
      { numRuns: RUNS },
    );
  });
});
