import Ajv, { ValidateFunction } from 'ajv';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Finding } from './report';

type Schema = Record<string, any>;

/** `group/version/Kind` -> JSON schema of the custom resource. */
export type CrdSchemas = Map<string, Schema>;

function crdKey(apiVersion: string, kind: string) {
  return `${apiVersion}/${kind}`;
}

/** OpenAPI for one KRO SimpleSchema field, e.g. `integer | default=2`. */
function simpleField(definition: unknown): {
  schema: Schema;
  required: boolean;
} {
  if (definition && typeof definition === 'object') {
    return {
      schema: simpleObject(definition as Record<string, unknown>),
      required: false,
    };
  }
  const [type, ...markers] = String(definition)
    .split('|')
    .map(s => s.trim());
  const required = markers.some(m => /^required=true$/.test(m));
  const map = /^map\[string\](.+)$/.exec(type);
  const list = /^\[\](.+)$/.exec(type);
  let schema: Schema;
  if (map)
    schema = {
      type: 'object',
      additionalProperties: simpleField(map[1]).schema,
    };
  else if (list) schema = { type: 'array', items: simpleField(list[1]).schema };
  else if (type === 'float') schema = { type: 'number' };
  else schema = { type };
  return { schema, required };
}

function simpleObject(fields: Record<string, unknown>): Schema {
  const properties: Schema = {};
  const required: string[] = [];
  for (const [name, definition] of Object.entries(fields)) {
    const field = simpleField(definition);
    properties[name] = field.schema;
    if (field.required) required.push(name);
  }
  return {
    type: 'object',
    properties,
    ...(required.length ? { required } : {}),
  };
}

/**
 * Adds the schemas of CustomResourceDefinition documents, and of the custom
 * resources that KRO ResourceGraphDefinitions define, to `into`.
 */
export function addCrds(into: CrdSchemas, docs: unknown[]) {
  for (const doc of docs as any[]) {
    if (doc?.kind === 'ResourceGraphDefinition' && doc.spec?.schema?.kind) {
      const { apiVersion, kind, group, spec } = doc.spec.schema;
      into.set(crdKey(`${group ?? 'kro.run'}/${apiVersion}`, kind), {
        type: 'object',
        required: ['spec'],
        properties: {
          apiVersion: { type: 'string' },
          kind: { type: 'string' },
          metadata: { type: 'object' },
          spec: simpleObject(spec ?? {}),
          status: {
            type: 'object',
            'x-kubernetes-preserve-unknown-fields': true,
          },
        },
      });
      continue;
    }
    if (doc?.kind !== 'CustomResourceDefinition') continue;
    const { group, names, versions } = doc.spec ?? {};
    for (const v of versions ?? []) {
      if (v?.schema?.openAPIV3Schema) {
        into.set(
          crdKey(`${group}/${v.name}`, names.kind),
          v.schema.openAPIV3Schema,
        );
      }
    }
  }
  return into;
}

/** Reads every CRD in the YAML files of a folder (not recursive). */
export async function loadCrdDirectory(dir: string): Promise<CrdSchemas> {
  const schemas: CrdSchemas = new Map();
  for (const name of (await readdir(dir)).sort()) {
    if (!/\.ya?ml$/.test(name)) continue;
    const docs = parseAllDocuments(
      await readFile(path.join(dir, name), 'utf8'),
    ).map(d => d.toJS());
    addCrds(schemas, docs);
  }
  return schemas;
}

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

/** Validates manifests: core kinds with kubernetes-models, custom resources against CRD schemas. */
export class ManifestValidator {
  constructor(private readonly crds: CrdSchemas) {}

  private coreModel(
    apiVersion: string,
    kind: string,
  ): (new (doc: any) => { validate(): void }) | undefined {
    if (
      !/^[a-z0-9.]+\/?v[0-9a-z]+$|^v1$/.test(apiVersion) ||
      !/^[A-Za-z]+$/.test(kind)
    )
      return undefined;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(`kubernetes-models/${apiVersion}/${kind}`)[kind];
    } catch {
      return undefined;
    }
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
      const crd = this.crds.get(crdKey(doc.apiVersion, doc.kind));
      if (crd) {
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
      const Model = this.coreModel(doc.apiVersion, doc.kind);
      if (Model) {
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
