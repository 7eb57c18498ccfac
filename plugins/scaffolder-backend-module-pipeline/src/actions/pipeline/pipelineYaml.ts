/**
 * Writes a pipeline document as YAML for its readers: GitHub's workflow
 * parser (YAML 1.2) and GitLab's (Ruby, YAML 1.1). Strings follow Canopy's
 * Kubernetes emitter (`renderYaml` of @canopy-idp/plugin-scaffolder-node): any string a YAML 1.1
 * or 1.2 reader could take for something else is double-quoted. Scripts
 * (strings with line breaks) are block literals, so the file reads as the
 * shell it runs.
 */
import { Document, visit } from 'yaml';
import {
  hasCharactersGoYamlRefuses,
  mightNotReadAsString,
  YAML_WRITE_OPTIONS,
} from '@canopy-idp/plugin-scaffolder-node';

/** The document as YAML, after the header's lines as comments. */
export function renderPipelineYaml(
  document: object,
  header: string | string[],
): string {
  const doc = new Document(document, { aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      if (hasCharactersGoYamlRefuses(node.value)) {
        // The action refuses such input; the scripts are Canopy's own.
        throw new Error(
          'internal: a pipeline string holds a control character',
        );
      }
      if (node.value.includes('\n') && !/[ \t]$/m.test(node.value)) {
        node.type = 'BLOCK_LITERAL';
      } else if (mightNotReadAsString(node.value)) {
        node.type = 'QUOTE_DOUBLE';
      }
    },
  });
  const text = doc.toString(YAML_WRITE_OPTIONS);
  const comments = (Array.isArray(header) ? header : [header])
    .map(line => `# ${line}`.trimEnd())
    .join('\n');
  return `${comments}\n${text}`;
}
