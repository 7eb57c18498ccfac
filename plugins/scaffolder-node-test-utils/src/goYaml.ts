/**
 * How the Go programs that read Canopy's manifests decode them, modelled for
 * tests (there is no Go toolchain here): kubectl, Argo CD and Kyverno read
 * YAML with sigs.k8s.io/yaml, which is go-yaml v2 (YAML 1.1 typing) turned
 * into JSON; kustomize and Flux read it with go-yaml v3. Written from the
 * documented behaviour of their `resolve` functions (resolve.go) and of
 * libyaml's reader and scanner, which both ports share:
 *
 * - the reader refuses C0 controls other than tab, LF and CR, DEL, C1
 *   controls other than NEL, surrogates, U+FFFE and U+FFFF;
 * - NEL (U+0085), LS (U+2028) and PS (U+2029) are line breaks;
 * - in double quotes, the escapes \0 \a \b \t \n \v \f \r \e \  \" \/ \\
 *   \N \_ \L \P \xXX \uXXXX \UXXXXXXXX stand for their characters;
 * - a plain scalar is typed by the resolve table and the number rules below;
 *   quoted and block scalars are always strings.
 *
 * `decodeLikeGo` parses a stream with the `yaml` library's failsafe schema
 * (every scalar a string, with its style kept) and types plain scalars by the
 * chosen decoder's rules, so a test can compare what Go reads with what
 * Canopy meant.
 */
import { isMap, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';

/** @public */
export type GoDecoder = 'go-yaml-v2' | 'go-yaml-v3';

/**
 * A resolved plain scalar: its YAML type and the JavaScript value standing for it.
 *
 * @public
 */
export type Resolved =
  | { type: 'str'; value: string }
  | { type: 'bool'; value: boolean }
  | { type: 'null'; value: null }
  | { type: 'int' | 'float'; value: number }
  | { type: 'timestamp'; value: string }
  | { type: 'merge'; value: '<<' };

const V2_WORDS: Record<string, Resolved> = {};
for (const w of ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']) {
  V2_WORDS[w] = { type: 'bool', value: true };
}
for (const w of ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']) {
  V2_WORDS[w] = { type: 'bool', value: false };
}
const COMMON_WORDS: Record<string, Resolved> = {
  '~': { type: 'null', value: null },
};
for (const w of ['true', 'True', 'TRUE']) {
  COMMON_WORDS[w] = { type: 'bool', value: true };
}
for (const w of ['false', 'False', 'FALSE']) {
  COMMON_WORDS[w] = { type: 'bool', value: false };
}
for (const w of ['null', 'Null', 'NULL']) {
  COMMON_WORDS[w] = { type: 'null', value: null };
}
for (const [words, value] of [
  [['.nan', '.NaN', '.NAN'], NaN],
  [['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'], Infinity],
  [['-.inf', '-.Inf', '-.INF'], -Infinity],
] as const) {
  for (const w of words) COMMON_WORDS[w] = { type: 'float', value };
}

/** Go's strconv.ParseInt(s, 0, 64): sign, then 0x/0o/0b/leading-0 octal or decimal. */
function goParseIntBase0(s: string): number | undefined {
  const m =
    /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(
      s,
    );
  if (!m) return undefined;
  const [, sign, digits] = m;
  let value: bigint;
  if (/^0[xX]/.test(digits)) value = BigInt(digits);
  else if (/^0[oO]/.test(digits)) value = BigInt(`0o${digits.slice(2)}`);
  else if (/^0[bB]/.test(digits)) value = BigInt(`0b${digits.slice(2)}`);
  else if (digits.length > 1 && digits.startsWith('0'))
    value = BigInt(`0o${digits.slice(1)}`);
  else value = BigInt(digits);
  if (sign === '-') value = -value;
  // Beyond int64 (and, unsigned, uint64): Go's parsers fail.
  if (value > 2n ** 64n - 1n || value < -(2n ** 63n)) return undefined;
  if (value > 2n ** 63n - 1n && sign) return undefined;
  return Number(value);
}

const YAML_STYLE_FLOAT =
  /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const TIMESTAMP =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]*)?\s*(Z|[-+][0-9]{1,2}(:[0-9]{2})?)?)?$/;

/**
 * Types a plain scalar as go-yaml v2 (YAML 1.1 words) or v3 (YAML 1.2 words)
 * does into `interface{}`. The first character decides what is tried: a
 * digit or sign tries timestamps, then integers (every `_` removed, Go's
 * base-0 syntax: 0x, 0o, 0b, a leading 0 for octal), then floats; one of
 * `yYnNtTfFoO~` only the word table; `.` the table, then a float; anything
 * else is a string. No base 60.
 *
 * @public
 */
export function resolvePlain(text: string, decoder: GoDecoder): Resolved {
  if (text === '') return { type: 'null', value: null };
  // `<<` is a merge key where it is a key; as a value it stays a string.
  if (text === '<<') return { type: 'merge', value: '<<' };
  const first = text[0];
  if ('yYnNtTfFoO~.'.includes(first)) {
    let word: Resolved | undefined;
    if (Object.hasOwn(COMMON_WORDS, text)) word = COMMON_WORDS[text];
    else if (decoder === 'go-yaml-v2' && Object.hasOwn(V2_WORDS, text)) {
      word = V2_WORDS[text];
    }
    if (word) return word;
    if (first !== '.') return { type: 'str', value: text };
    if (/^\.[0-9]+(_[0-9]+)*([eE][+-]?[0-9]+(_[0-9]+)*)?$/.test(text)) {
      const value = Number(text.replace(/_/g, ''));
      if (Number.isFinite(value)) return { type: 'float', value };
    }
    return { type: 'str', value: text };
  }
  if (!/^[-+0-9]/.test(first)) return { type: 'str', value: text };
  if (/^[0-9]{4}-/.test(text) && TIMESTAMP.test(text)) {
    return { type: 'timestamp', value: text };
  }
  const plain = text.replace(/_/g, '');
  const int = goParseIntBase0(plain);
  if (int !== undefined) return { type: 'int', value: int };
  if (YAML_STYLE_FLOAT.test(plain)) {
    const value = Number(plain);
    // An overflow is a range error in Go: the text stays a string.
    if (Number.isFinite(value)) return { type: 'float', value };
  }
  return { type: 'str', value: text };
}

/** Code points libyaml's reader refuses in a stream. */
const REFUSED_CLASS =
  '[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]';
const REFUSED = new RegExp(REFUSED_CLASS);
/** Code points libyaml takes for line breaks, besides LF and CR. */
const LINE_BREAKS = /[\u0085\u2028\u2029]/;

/** Why Go's reader would refuse or re-read this text, if it would. */
export function goReaderProblem(text: string): string | undefined {
  const refused = REFUSED.exec(text);
  if (refused) {
    return `control character U+${refused[0]
      .charCodeAt(0)
      .toString(16)
      .padStart(4, '0')} is not allowed`;
  }
  const lineBreak = LINE_BREAKS.exec(text);
  if (lineBreak) {
    return `U+${lineBreak[0]
      .charCodeAt(0)
      .toString(16)} is a line break to go-yaml`;
  }
  if (/\r/.test(text)) return 'a carriage return is a line break to go-yaml';
  return undefined;
}

/** A decoded value, with a note of every plain scalar whose type differs from a string's. */
function toGo(node: Node | null, decoder: GoDecoder): unknown {
  if (node === null) return null;
  if (isMap(node)) {
    const out: Record<string, unknown> = Object.create(null);
    for (const pair of node.items) {
      const key = toGo(pair.key as Node, decoder);
      // sigs.k8s.io/yaml writes every key into JSON as a string.
      out[typeof key === 'string' ? key : `${String(key)} (${typeof key})`] =
        toGo(pair.value as Node, decoder);
    }
    return out;
  }
  if (isSeq(node)) return node.items.map(i => toGo(i as Node, decoder));
  if (isScalar(node)) {
    const value = String(node.value);
    if (node.type !== 'PLAIN') return value;
    const resolved = resolvePlain(value, decoder);
    return resolved.type === 'str'
      ? resolved.value
      : { goType: resolved.type, goValue: resolved.value };
  }
  throw new Error(`unexpected YAML node ${String(node)}`);
}

/**
 * The documents of a YAML stream as the chosen Go decoder reads them. A plain
 * scalar that is not a string comes back as `{ goType, goValue }` unless it is
 * a number or boolean, so that comparing with what Canopy meant shows every
 * change of type. Throws when Go's reader would refuse the text.
 *
 * @public
 */
export function decodeLikeGo(text: string, decoder: GoDecoder): unknown[] {
  const problem = goReaderProblem(text);
  if (problem) throw new Error(`${decoder} would not read this: ${problem}`);
  return parseAllDocuments(text, { schema: 'failsafe' }).map(doc => {
    if (doc.errors.length) throw doc.errors[0];
    return normalize(toGo(doc.contents as Node, decoder));
  });
}

/** Numbers and booleans as plain JavaScript values; other typed scalars stay marked. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('goType' in v && Object.keys(v).length === 2) {
      if (v.goType === 'int' || v.goType === 'float' || v.goType === 'bool')
        return v.goValue;
      return value;
    }
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, normalize(x)]),
    );
  }
  return value;
}

/**
 * The readers Canopy's manifests must mean the same thing to.
 *
 * @public
 */
export const READERS = ['go-yaml-v2', 'go-yaml-v3', 'yaml-1.1'] as const;

/** What Canopy meant: the documents as JSON sees them (no undefined). */
function meant(docs: object[]): unknown[] {
  return JSON.parse(JSON.stringify(docs));
}

/**
 * The documents as one reader reads the YAML text: go-yaml v2 or v3 (the
 * models above), or a YAML 1.1 reader (the `yaml` library's yaml-1.1
 * schema: sexagesimals, timestamps and 1.1's words included).
 *
 * @public
 */
export function readAs(
  reader: (typeof READERS)[number],
  text: string,
): unknown[] {
  if (reader === 'yaml-1.1') {
    return parseAllDocuments(text, { version: '1.1' }).map(d => {
      if (d.errors.length) throw d.errors[0];
      return JSON.parse(JSON.stringify(d.toJS()));
    });
  }
  return decodeLikeGo(text, reader);
}

/**
 * Fails unless every reader gets back exactly the values, with their types,
 * that went into the YAML text.
 *
 * @public
 */
export function expectReadAsMeant(docs: object[], text: string) {
  for (const reader of READERS) {
    let read: unknown[];
    try {
      read = readAs(reader, text);
    } catch (error) {
      throw new Error(`${reader} cannot read the manifest: ${error}\n${text}`);
    }
    const expected = meant(docs);
    if (JSON.stringify(read) !== JSON.stringify(expected)) {
      // toEqual gives the readable difference.
      expect({ reader, read }).toEqual({ reader, read: expected });
    }
  }
}
