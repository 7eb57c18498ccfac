#!/usr/bin/env node
// Fails when a package's source files import each other in a cycle (type-only
// imports count: a cycle of types is still two files that cannot be read one
// after the other). Reads every .ts/.tsx/.mts file under packages/*/src and
// plugins/*/src, follows relative imports and re-exports, and prints each
// cycle as the files that form it. Run by the test command's lint step.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '..',
);
const EXTS = ['.ts', '.tsx', '.mts'];
const SPEC =
  /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"](\.{1,2}\/[^'"]*)['"]|import\(\s*['"](\.{1,2}\/[^'"]*)['"]\s*\)/g;

function sources(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) sources(file, out);
    else if (EXTS.some(e => name.endsWith(e)) && !name.endsWith('.d.ts'))
      out.push(file);
  }
  return out;
}

function resolve(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [
    base,
    ...EXTS.map(e => base + e),
    ...EXTS.map(e => base.replace(/\.m?js$/, e)),
    ...EXTS.map(e => path.join(base, `index${e}`)),
  ];
  return candidates.find(c => existsSync(c) && statSync(c).isFile());
}

const files = [];
for (const group of ['packages', 'plugins']) {
  for (const pkg of readdirSync(path.join(root, group))) {
    const src = path.join(root, group, pkg, 'src');
    if (existsSync(src)) sources(src, files);
  }
}
const edges = new Map();
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const targets = new Set();
  for (const m of text.matchAll(SPEC)) {
    const target = resolve(file, m[1] ?? m[2]);
    if (target) targets.add(target);
  }
  edges.set(file, [...targets]);
}

// Tarjan's strongly connected components; each component of more than one
// file (or a file importing itself) is a cycle.
let index = 0;
const idx = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
function connect(v) {
  idx.set(v, index);
  low.set(v, index++);
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!idx.has(w)) {
      connect(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) {
      low.set(v, Math.min(low.get(v), idx.get(w)));
    }
  }
  if (low.get(v) === idx.get(v)) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (edges.get(v) ?? []).includes(v)) {
      cycles.push(component.map(f => path.relative(root, f)).sort());
    }
  }
}
for (const file of files) if (!idx.has(file)) connect(file);

if (cycles.length) {
  console.error(`import cycles: ${cycles.length}`);
  for (const c of cycles) console.error(`  ${c.join(' <-> ')}`);
  process.exit(1);
}
console.log(`import cycles: none among ${files.length} source files`);
