import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

type Schema = Record<string, any>;

/**
 * The JSON schema of one custom resource kind, and where it came from.
 *
 * @public
 */
export interface KindSchema {
  schema: Record<string, any>;
  /** Named in the validation report, e.g. `Canopy's bundled Argo CD v3.1.8 CRD`. */
  source: string;
}

/**
 * `group/version/Kind` to schema. Later sources replace earlier ones per kind:
 * Canopy's bundled CRDs, then Canopy's KRO abstractions, then
 * `crdDirectory`, then the target cluster, then the workspace itself.
 *
 * @public
 */
export type CrdSchemas = Map<string, KindSchema>;

export function crdKey(apiVersion: string, kind: string) {
  return `${apiVersion}/${kind}`;
}

/** OpenAPI for one KRO SimpleSchema field, e.g. `integer | default=2`. */
function simpleField(definition: unknown): {
  schema: Record<string, any>;
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
 * resources that KRO ResourceGraphDefinitions define, to `into`, replacing
 * what an earlier source said about the same kinds.
 *
 * @public
 */
export function addCrds(into: CrdSchemas, docs: unknown[], source: string) {
  for (const doc of docs as any[]) {
    if (doc?.kind === 'ResourceGraphDefinition' && doc.spec?.schema?.kind) {
      const { apiVersion, kind, group, spec } = doc.spec.schema;
      into.set(crdKey(`${group ?? 'kro.run'}/${apiVersion}`, kind), {
        source,
        schema: {
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
        },
      });
      continue;
    }
    if (doc?.kind !== 'CustomResourceDefinition') continue;
    const { group, names, versions } = doc.spec ?? {};
    for (const v of versions ?? []) {
      if (v?.schema?.openAPIV3Schema) {
        into.set(crdKey(`${group}/${v.name}`, names.kind), {
          source,
          schema: v.schema.openAPIV3Schema,
        });
      }
    }
  }
  return into;
}

/**
 * Reads every CRD in the YAML files of a folder (not recursive); `describe`
 * names the source of each file's kinds.
 *
 * @public
 */
export async function loadCrdDirectory(
  dir: string,
  describe: (file: string) => string = file => `${path.join(dir, file)}`,
): Promise<CrdSchemas> {
  const schemas: CrdSchemas = new Map();
  for (const name of (await readdir(dir)).sort()) {
    if (!/\.ya?ml$/.test(name) || name === 'sources.yaml') continue;
    const docs = parseAllDocuments(
      await readFile(path.join(dir, name), 'utf8'),
    ).map(d => d.toJS());
    addCrds(schemas, docs, describe(name));
  }
  return schemas;
}

/**
 * Where the package's own schema files are, installed or in this repository.
 *
 * @public
 */
export function bundledSchemaPath(...parts: string[]) {
  return resolvePackagePath(
    '@canopy-idp/plugin-scaffolder-node',
    'schemas',
    ...parts,
  );
}

/**
 * One entry of `schemas/crds/sources.yaml`.
 *
 * @public
 */
export interface BundledCrdSource {
  file: string;
  project: string;
  version: string;
  license: string;
  url: string;
}

let bundled: Promise<CrdSchemas> | undefined;

/**
 * The upstream CRDs that ship with this package (`schemas/crds`, listed with
 * project, version and licence in `schemas/crds/sources.yaml`): every
 * custom resource kind Canopy emits validates without any configuration.
 * Read once per process.
 *
 * @public
 */
export function bundledCrds(): Promise<CrdSchemas> {
  if (!bundled) {
    const dir = bundledSchemaPath('crds');
    bundled = (async () => {
      const sources = parse(
        await readFile(path.join(dir, 'sources.yaml'), 'utf8'),
      ) as BundledCrdSource[];
      const byFile = new Map(sources.map(s => [s.file, s]));
      return loadCrdDirectory(dir, file => {
        const s = byFile.get(file);
        return s
          ? `Canopy's bundled ${s.project} ${s.version} CRD (${file})`
          : `Canopy's bundled ${file}`;
      });
    })();
    bundled.catch(() => {
      bundled = undefined;
    });
  }
  return bundled;
}
