/**
 * A small HCL writer for Terraform files. Values reach the output only through
 * this serializer: strings are escaped by construction (quotes, backslashes,
 * control characters, and the template sequences `${` and `%{`), and the layout
 * is what `terraform fmt` produces (two-space indents, `=` aligned across
 * consecutive single-line attributes).
 */
import { hclUnicodeProblem } from '@canopy-idp/plugin-scaffolder-node';
import { columns } from './hclWidth';

/** Only this module holds it: no other code can make an expression from text. */
const BUILT_HERE = Symbol('HclExpr');

/**
 * A Terraform expression (reference, function call, type constraint). Built
 * only through the helpers of this module, from identifiers that are
 * checked, never from user text.
 */
export class HclExpr {
  constructor(token: symbol, readonly source: string) {
    if (token !== BUILT_HERE) {
      throw new Error('internal: HclExpr is built by the helpers of hcl.ts');
    }
  }
}

const expr = (source: string) => new HclExpr(BUILT_HERE, source);

export type HclValue =
  | string
  | number
  | boolean
  | null
  | HclExpr
  | HclValue[]
  | { [key: string]: HclValue | undefined };

export interface HclAttribute {
  kind: 'attribute';
  name: string;
  value: HclValue;
}

export interface HclBlock {
  kind: 'block';
  type: string;
  labels: string[];
  body: HclBodyItem[];
}

export type HclBodyItem = HclAttribute | HclBlock;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function assertIdentifier(name: string, what: string) {
  if (!IDENTIFIER.test(name)) {
    throw new Error(`internal: ${what} '${name}' is not an HCL identifier`);
  }
}

/** A reference such as `openstack_networking_network_v2.main.id` or `var.flavor`. */
export function ref(...parts: Array<string | number>): HclExpr {
  if (parts.length === 0) throw new Error('internal: empty reference');
  let source = '';
  parts.forEach((part, i) => {
    if (typeof part === 'number') {
      if (!Number.isInteger(part) || part < 0) {
        throw new Error(`internal: bad index ${part}`);
      }
      source += `[${part}]`;
    } else {
      assertIdentifier(part, 'reference part');
      source += i === 0 ? part : `.${part}`;
    }
  });
  return expr(source);
}

/** A function call such as `file("${path.module}/x")`, with serialized arguments. */
export function call(name: string, ...args: HclValue[]): HclExpr {
  assertIdentifier(name, 'function name');
  return expr(`${name}(${args.map(a => argument(a)).join(', ')})`);
}

/** `"${path.module}/<relative path>"`, the relative path escaped like any string. */
export function modulePath(relative: string): HclExpr {
  return expr(`"\${path.module}/${escapeTemplate(relative)}"`);
}

/** `type.name[count.index].path...`: a reference into a counted resource. */
export function counted(
  type: string,
  name: string,
  ...path: Array<string | number>
): HclExpr {
  for (const p of [type, name, ...path]) {
    if (typeof p === 'string') assertIdentifier(p, 'reference part');
  }
  const rest = path
    .map(p => (typeof p === 'number' ? `[${p}]` : `.${p}`))
    .join('');
  return expr(`${type}.${name}[count.index]${rest}`);
}

/** `type.name[*].attr`: every instance of a counted resource. */
export function splat(type: string, name: string, attribute: string): HclExpr {
  for (const p of [type, name, attribute]) {
    assertIdentifier(p, 'reference part');
  }
  return expr(`${type}.${name}[*].${attribute}`);
}

/** `count.index + 1`, for 1-based names. */
export const COUNT_PLUS_ONE = expr('count.index + 1');

/** Terraform type constraints Canopy uses for variables. */
export const TYPES = {
  string: expr('string'),
  number: expr('number'),
  bool: expr('bool'),
  listOfString: expr('list(string)'),
};

export function attr(
  name: string,
  value: HclValue | undefined,
): HclAttribute[] {
  if (value === undefined) return [];
  assertIdentifier(name, 'attribute name');
  return [{ kind: 'attribute', name, value }];
}

export function block(
  type: string,
  labels: string[],
  body: Array<HclBodyItem | HclBodyItem[]>,
): HclBlock {
  assertIdentifier(type, 'block type');
  return { kind: 'block', type, labels, body: body.flat() };
}

/**
 * Escapes a string for the inside of an HCL quoted template. HCL normalizes
 * strings to Unicode NFC, so other strings could not round-trip: they are
 * refused (action inputs reject them earlier, naming the field).
 */
export function escapeTemplate(value: string): string {
  const problem = hclUnicodeProblem(value);
  if (problem) {
    throw new Error(
      problem.startsWith('must be in Unicode normalization form NFC')
        ? 'value is not in Unicode normalization form NFC'
        : `value ${problem}`,
    );
  }
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    const next = value[i + 1];
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '$' && next === '{') out += '$$';
    else if (ch === '%' && next === '{') out += '%%';
    else {
      const code = ch.charCodeAt(0);
      if (code < 0x20 || code === 0x7f) {
        out += `\\u${code.toString(16).padStart(4, '0')}`;
      } else if (code >= 0xd800 && code <= 0xdfff) {
        // Surrogates: keep valid pairs, encode lone halves (they are not UTF-8).
        const pair =
          code <= 0xdbff &&
          next !== undefined &&
          next.charCodeAt(0) >= 0xdc00 &&
          next.charCodeAt(0) <= 0xdfff;
        if (pair) {
          out += ch + next;
          i++;
        } else {
          throw new Error('value contains an unpaired UTF-16 surrogate');
        }
      } else out += ch;
    }
  }
  return out;
}

export function quote(value: string): string {
  return `"${escapeTemplate(value)}"`;
}

function isObject(v: HclValue): v is { [key: string]: HclValue | undefined } {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof HclExpr)
  );
}

/**
 * Words that change the meaning of an object constructor when written as a
 * bare key: `{ for = 1 }` starts a for expression, `null`, `true` and
 * `false` are literals, `if` and `in` belong to for expressions.
 */
const HCL_KEYWORDS = new Set(['for', 'in', 'if', 'null', 'true', 'false']);

/** An object key: bare when it is a plain identifier, quoted otherwise. */
function mapKey(key: string) {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) && !HCL_KEYWORDS.has(key)
    ? key
    : quote(key);
}

function entries(v: { [key: string]: HclValue | undefined }) {
  return Object.entries(v).filter(
    (e): e is [string, HclValue] => e[1] !== undefined,
  );
}

/** Whether a value renders on one line. */
function isInline(v: HclValue): boolean {
  if (Array.isArray(v)) return v.every(isInline);
  if (isObject(v)) return entries(v).length === 0;
  return true;
}

/** Renders a value that fits on one line. */
function inline(v: HclValue): string {
  if (v === null) return 'null';
  if (v instanceof HclExpr) return v.source;
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v))
      throw new Error(`internal: number ${v} is not finite`);
    return String(v);
  }
  if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`;
  if (entries(v).length === 0) return '{}';
  throw new Error('internal: object values are rendered on several lines');
}

/** A function argument: objects are written on one line, `{ a = 1, b = 2 }`. */
function argument(v: HclValue): string {
  if (isObject(v) && entries(v).length) {
    return `{ ${entries(v)
      .map(([k, x]) => `${mapKey(k)} = ${argument(x)}`)
      .join(', ')} }`;
  }
  if (Array.isArray(v)) return `[${v.map(argument).join(', ')}]`;
  return inline(v);
}

type Line = { text: string } | { blank: true };

interface Cell {
  key: string;
  lines: string[]; // value lines; the first follows "key = "
}

/**
 * Lays out `key = value` cells as terraform fmt does: consecutive one-line
 * cells form an aligned group; a multi-line value stands alone, separated by
 * blank lines.
 */
function layoutCells(cells: Cell[], indent: string, out: Line[]) {
  let group: Cell[] = [];
  const flush = () => {
    if (!group.length) return;
    const width = Math.max(...group.map(c => columns(c.key)));
    for (const c of group) {
      const pad = ' '.repeat(width - columns(c.key));
      out.push({ text: `${indent}${c.key}${pad} = ${c.lines[0]}` });
    }
    group = [];
  };
  for (const cell of cells) {
    if (cell.lines.length === 1) {
      group.push(cell);
      continue;
    }
    flush();
    if (out.length && !('blank' in out[out.length - 1]))
      out.push({ blank: true });
    out.push({ text: `${indent}${cell.key} = ${cell.lines[0]}` });
    for (const l of cell.lines.slice(1)) out.push({ text: l });
    out.push({ blank: true });
  }
  flush();
}

/** Renders a value; multi-line values are indented for `indent`. */
function valueLines(v: HclValue, indent: string): string[] {
  if (isInline(v)) return [inline(v)];
  if (Array.isArray(v)) {
    throw new Error('internal: lists of objects are written as blocks');
  }
  const inner = `${indent}  `;
  const body: Line[] = [];
  layoutCells(
    entries(v as { [key: string]: HclValue }).map(([k, x]) => ({
      key: mapKey(k),
      lines: valueLines(x, inner),
    })),
    inner,
    body,
  );
  return [
    '{',
    ...trimBlank(body).map(l => ('blank' in l ? '' : l.text)),
    `${indent}}`,
  ];
}

function trimBlank(lines: Line[]): Line[] {
  const out = [...lines];
  while (out.length && 'blank' in out[0]) out.shift();
  while (out.length && 'blank' in out[out.length - 1]) out.pop();
  // Collapse runs of blank lines into one.
  return out.filter(
    (l, i) => !('blank' in l) || !(i > 0 && 'blank' in out[i - 1]),
  );
}

function bodyLines(items: HclBodyItem[], indent: string): Line[] {
  const out: Line[] = [];
  let cells: Cell[] = [];
  const flushCells = () => {
    layoutCells(cells, indent, out);
    cells = [];
  };
  for (const item of items) {
    if (item.kind === 'attribute') {
      cells.push({ key: item.name, lines: valueLines(item.value, indent) });
      continue;
    }
    flushCells();
    if (out.length && !('blank' in out[out.length - 1]))
      out.push({ blank: true });
    const header = [item.type, ...item.labels.map(quote)].join(' ');
    const inner = trimBlank(bodyLines(item.body, `${indent}  `));
    if (inner.length === 0) {
      out.push({ text: `${indent}${header} {` }, { text: `${indent}}` });
    } else {
      out.push({ text: `${indent}${header} {` }, ...inner, {
        text: `${indent}}`,
      });
    }
    out.push({ blank: true });
  }
  flushCells();
  return out;
}

/** Renders top-level blocks as a Terraform file. */
export function renderHcl(items: HclBodyItem[], header?: string): string {
  const lines = trimBlank(bodyLines(items, '')).map(l =>
    'blank' in l ? '' : l.text,
  );
  const comment = header
    ? `${header
        .split('\n')
        .map(l => `# ${l}`.trimEnd())
        .join('\n')}\n\n`
    : '';
  return `${comment}${lines.join('\n')}\n`;
}
