import { stringify } from 'yaml';

/**
 * Writes Kubernetes documents as one YAML stream. Values go through the YAML
 * library (quoted and escaped by construction); keys keep the order the
 * renderers build them in, so the same input gives byte-identical files.
 */
export function renderYaml(
  docs: object[],
  header = 'Rendered by Canopy.',
): string {
  const body = docs
    .map(doc =>
      stringify(doc, {
        lineWidth: 0,
        aliasDuplicateObjects: false,
        defaultStringType: 'PLAIN',
        defaultKeyType: 'PLAIN',
      }),
    )
    .join('---\n');
  return `# ${header}\n${body}`;
}
