import type { Abstraction } from './types';
import { SHIPPED } from './definitions';

/**
 * The default of one field of a kro SimpleSchema, e.g. `integer | default=2`
 * gives 2 and `string | default="8"` gives '8'; undefined without one.
 */
export function simpleSchemaDefault(
  definition: string,
): string | number | boolean | undefined {
  const marker = definition
    .split('|')
    .map(s => s.trim())
    .find(m => m.startsWith('default='));
  if (!marker) return undefined;
  const raw = marker.slice('default='.length);
  const type = definition.split('|')[0].trim();
  if (type === 'integer' || type === 'float') return Number(raw);
  if (type === 'boolean') return raw === 'true';
  return raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
}

/** The default of a field of an abstraction's spec, from the shipped definition. */
export function defaultOf<T extends string | number | boolean>(
  kind: Abstraction,
  field: string,
): T {
  const definition = SHIPPED[kind].spec.schema.spec[field];
  const value = definition ? simpleSchemaDefault(definition) : undefined;
  if (value === undefined) {
    throw new Error(
      `the shipped ${kind} definition gives no default for spec.${field}`,
    );
  }
  return value as T;
}
