import { Document, isScalar, parseDocument, visit } from 'yaml';

/**
 * How Canopy writes YAML text: no line folding, double-quoted strings on one
 * line (`\n` written as an escape), plain scalars unless a node says
 * otherwise.
 *
 * @public
 */
export const YAML_WRITE_OPTIONS = {
  lineWidth: 0,
  doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER,
  defaultStringType: 'PLAIN',
  defaultKeyType: 'PLAIN',
} as const;

/**
 * Canopy's one YAML emitter for what it writes for Kubernetes. Its readers
 * are Go programs: kubectl, Argo CD and Kyverno decode with sigs.k8s.io/yaml
 * (go-yaml v2, YAML 1.1 typing), kustomize and Flux with yaml.v3, and Canopy
 * itself with the `yaml` library (YAML 1.2). A string must mean the same
 * string to all of them, so:
 *
 * - a string that any of those readers could take for something else when
 *   written plain (a number, a boolean, null, a timestamp, a merge key, ...)
 *   is double-quoted: see {@link mightNotReadAsString};
 * - characters those readers refuse (C0 and C1 controls, DEL, U+FFFE,
 *   U+FFFF) or read as line breaks (U+0085 NEL, U+2028, U+2029) are written
 *   as escapes inside double quotes, which every YAML reader decodes to the
 *   same code point.
 *
 * Keys get the same treatment as values. The same input gives byte-identical
 * output: keys keep the order the renderers build them in.
 */

/** Characters written as escapes: controls (but tab and newline), DEL, C1, U+2028/9, U+FFFE/F. */
const ESCAPED_CLASS =
  '[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]';
const ESCAPED = new RegExp(ESCAPED_CLASS);
const ESCAPED_ALL = new RegExp(ESCAPED_CLASS, 'g');

/** Words YAML 1.1 readers (go-yaml v2 among them) resolve to booleans or null, compared without case. */
const WORDS = new Set([
  'y',
  'n',
  'yes',
  'no',
  'on',
  'off',
  'true',
  'false',
  'null',
]);

/**
 * Whether a plain (unquoted) scalar with this text might be read as anything
 * but this string by a YAML 1.1 or 1.2 reader. Conservative by design: it
 * does not model each reader, it rules out every shape that could be typed:
 * the empty string; anything starting with a digit, a sign, a dot, `~`, `=`
 * or `<` (numbers in any base or with `_`, sexagesimals, timestamps, `.inf`,
 * `.nan`, `~`, YAML 1.1's value key `=`, the merge key `<<`); and the
 * boolean and null words of YAML 1.1 in any case.
 *
 * @public
 */
export function mightNotReadAsString(value: string): boolean {
  if (value === '') return true;
  if (/^[-+.0-9~=<]/.test(value)) return true;
  if (WORDS.has(value.toLowerCase())) return true;
  // And whatever the `yaml` library itself would read back as something
  // else, in YAML 1.1 or 1.2 (its 1.1 schema, for one, types `e0`).
  return !readsBackAs(value, '1.1') || !readsBackAs(value, '1.2');
}

/** Answers of {@link readsBackAs}: manifests repeat the same keys and words. */
const readBack = new Map<string, boolean>();

function readsBackAs(value: string, version: '1.1' | '1.2'): boolean {
  const key = `${version}\u0000${value}`;
  let answer = readBack.get(key);
  if (answer === undefined) {
    const doc = parseDocument(value, { version });
    answer =
      doc.errors.length === 0 &&
      isScalar(doc.contents) &&
      doc.contents.value === value;
    if (readBack.size >= 10_000) readBack.clear();
    readBack.set(key, answer);
  }
  return answer;
}

/** Escapes for the characters in {@link ESCAPED}, as YAML double-quoted escapes. */
function escapeChar(ch: string): string {
  switch (ch) {
    case '\u0085':
      return '\\N';
    case '\u2028':
      return '\\L';
    case '\u2029':
      return '\\P';
    default:
      return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
}

/** One document as YAML, strings quoted and escaped as described above. */
export function stringifyDocument(value: object): string {
  const doc = new Document(value, {
    aliasDuplicateObjects: false,
  });
  visit(doc, {
    Scalar(_key, node) {
      if (
        typeof node.value === 'string' &&
        (mightNotReadAsString(node.value) || ESCAPED.test(node.value))
      ) {
        node.type = 'QUOTE_DOUBLE';
      }
    },
  });
  const text = doc.toString(YAML_WRITE_OPTIONS);
  // Every string holding such a character was double-quoted above, so these
  // characters can only stand inside double quotes, where an escape is the
  // same character to every reader.
  return text.replace(ESCAPED_ALL, escapeChar);
}

/**
 * Writes Kubernetes documents as one YAML stream.
 *
 * @public
 */
export function renderYaml(
  docs: object[],
  header = 'Rendered by Canopy.',
): string {
  return `# ${header}\n${docs.map(stringifyDocument).join('---\n')}`;
}

/**
 * Checks that a value keeps its meaning as YAML for Go readers, for inputs
 * that must not be escaped (names, URLs): no characters that Go's YAML
 * readers refuse or take for line breaks.
 *
 * @public
 */
export function hasCharactersGoYamlRefuses(value: string): boolean {
  return ESCAPED.test(value);
}
