import Ajv, { ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import type { Finding, SchemaUse } from './report';
import { CrdSchemas, crdKey } from './schemaSet';

type Schema = Record<string, any>;

/**
 * Unknown fields: the API server rejects them with strict field validation,
 * but JSON schemas from CRDs rarely forbid them, so they are looked for here.
 */
function unknownFields(
  schema: Schema | undefined,
  value: unknown,
  at: string,
  out: string[],
) {
  if (!schema || value === null || typeof value !== 'object') return;
  if (schema['x-kubernetes-preserve-unknown-fields']) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) =>
      unknownFields(schema.items, item, `${at}[${i}]`, out),
    );
    return;
  }
  const props: Schema | undefined = schema.properties;
  if (!props) {
    if (
      schema.additionalProperties &&
      typeof schema.additionalProperties === 'object'
    ) {
      for (const [k, v] of Object.entries(value))
        unknownFields(schema.additionalProperties, v, `${at}.${k}`, out);
    }
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    if (at === '' && (k === 'apiVersion' || k === 'kind' || k === 'metadata'))
      continue;
    if (!(k in props)) out.push(`${at ? `${at}.` : ''}${k}`);
    else unknownFields(props[k], v, at ? `${at}.${k}` : k, out);
  }
}

/** One Ajv for the process; compiled CRD schemas are kept per schema object. */
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const compiled = new WeakMap<Schema, ValidateFunction>();

function compile(schema: Schema): ValidateFunction {
  let check = compiled.get(schema);
  if (!check) {
    check = ajv.compile(schema);
    compiled.set(schema, check);
  }
  return check;
}

type ModelClass = new (doc: any) => { validate(): void };

/**
 * Packages of typed models whose `validate()` checks a document against the
 * schemas they were generated from: Kubernetes' built-in kinds, and Flux.
 */
const MODEL_PACKAGES = [
  {
    name: 'kubernetes-models',
    applies: (apiVersion: string) => !apiVersion.includes('.toolkit.fluxcd.io'),
  },
  {
    name: '@kubernetes-models/flux-cd',
    applies: (apiVersion: string) => apiVersion.includes('.toolkit.fluxcd.io'),
  },
];

function packageVersion(name: string): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(`${name}/package.json`).version;
  } catch {
    return 'unknown version';
  }
}

/**
 * Validates manifests: custom resources against CRD schemas, core kinds and
 * Flux with their typed models. Remembers which schema (and its source) each
 * checked kind used.
 */
export class ManifestValidator {
  private readonly used = new Map<string, SchemaUse>();

  constructor(private readonly crds: CrdSchemas) {}

  /** The schemas used so far, one entry per kind, sorted. */
  schemasUsed(): SchemaUse[] {
    return [...this.used.values()].sort((a, b) =>
      a.subject.localeCompare(b.subject),
    );
  }

  private model(
    apiVersion: string,
    kind: string,
  ): { Model: ModelClass; source: string } | undefined {
    if (
      !/^[a-z0-9.]+\/?v[0-9a-z]+$|^v1$/.test(apiVersion) ||
      !/^[A-Za-z]+$/.test(kind)
    )
      return undefined;
    for (const pkg of MODEL_PACKAGES) {
      if (!pkg.applies(apiVersion)) continue;
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const Model = require(`${pkg.name}/${apiVersion}/${kind}`)[kind];
        if (Model) {
          return {
            Model,
            source: `${pkg.name} ${packageVersion(pkg.name)}`,
          };
        }
      } catch {
        // not a kind this package models
      }
    }
    return undefined;
  }

  validate(file: string, docs: unknown[]): Finding[] {
    const findings: Finding[] = [];
    docs.forEach((doc: any, i) => {
      const where = docs.length > 1 ? `document ${i + 1}` : 'document';
      if (doc === null || doc === undefined) return;
      if (
        typeof doc !== 'object' ||
        typeof doc.apiVersion !== 'string' ||
        typeof doc.kind !== 'string'
      ) {
        findings.push({
          level: 'error',
          file,
          rule: 'manifest',
          message: `${where}: needs apiVersion and kind`,
        });
        return;
      }
      const id = `${where} ${doc.kind} ${doc.metadata?.name ?? '(no name)'}`;
      if (!doc.metadata?.name) {
        findings.push({
          level: 'error',
          file,
          rule: 'manifest',
          message: `${id}: metadata.name is required`,
        });
      }
      const key = crdKey(doc.apiVersion, doc.kind);
      const crdEntry = this.crds.get(key);
      if (crdEntry) {
        const crd = crdEntry.schema;
        this.used.set(key, {
          subject: `${doc.apiVersion} ${doc.kind}`,
          source: crdEntry.source,
        });
        const check = compile(crd);
        if (!check(doc)) {
          for (const e of check.errors ?? []) {
            findings.push({
              level: 'error',
              file,
              rule: 'crd-schema',
              message: `${id}: ${e.instancePath || '/'} ${e.message}`,
            });
          }
        }
        const unknown: string[] = [];
        unknownFields(crd, doc, '', unknown);
        for (const u of unknown) {
          findings.push({
            level: 'error',
            file,
            rule: 'crd-schema',
            message: `${id}: unknown field ${u}`,
          });
        }
        return;
      }
      const model = this.model(doc.apiVersion, doc.kind);
      if (model) {
        const { Model, source } = model;
        this.used.set(key, {
          subject: `${doc.apiVersion} ${doc.kind}`,
          source,
        });
        try {
          new Model(doc).validate();
        } catch (error) {
          const details = (
            error as {
              errors?: Array<{ instancePath?: string; message?: string }>;
            }
          ).errors;
          const message = details?.length
            ? details
                .map(e => `${e.instancePath || '/'} ${e.message}`)
                .join('; ')
            : String((error as Error).message);
          findings.push({
            level: 'error',
            file,
            rule: 'kubernetes-schema',
            message: `${id}: ${message}`,
          });
        }
        return;
      }
      findings.push({
        level: 'error',
        file,
        rule: 'schema-missing',
        message: `${id}: no schema for ${doc.apiVersion} ${doc.kind} (add its CRD to the CRD folder or install it on the cluster)`,
      });
    });
    return findings;
  }
}

export function parseYamlDocuments(
  file: string,
  content: string,
): { docs: unknown[]; findings: Finding[] } {
  const parsed = parseAllDocuments(content);
  const findings: Finding[] = [];
  const docs: unknown[] = [];
  for (const d of parsed) {
    if (d.errors.length) {
      findings.push({
        level: 'error',
        file,
        rule: 'yaml-parse',
        message: d.errors.map(e => e.message).join('; '),
      });
    } else {
      docs.push(d.toJS());
    }
  }
  return { docs, findings };
}
