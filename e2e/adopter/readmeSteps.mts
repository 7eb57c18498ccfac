/**
 * The install steps of Canopy's package READMEs, as the adopter test applies
 * them to a fresh Backstage app. A README marks each block the test applies
 * with an HTML comment on the line before it:
 *
 *   <!-- adopter-test -->
 *   ```sh
 *   yarn --cwd packages/backend add @canopy-idp/plugin-openstack-backend
 *   ```
 *
 * Three kinds of block can be applied, exactly as written:
 *   - `sh`: `yarn --cwd <folder> add <package>...` lines; Canopy's packages
 *     are taken from the packed tarballs (the stand-in for a registry);
 *   - `ts` whose first line is `// packages/backend/src/index.ts`:
 *     `backend.add(import('...'));` lines, added before `backend.start();`;
 *   - `yaml` whose first line is `# app-config.yaml`: merged into the app's
 *     app-config.yaml (lists are extended, not replaced).
 * Anything else in a marked block fails the test: the README is what changes.
 */
import { readFileSync } from 'node:fs';

export type ReadmeStep =
  | { kind: 'yarn-add'; cwd: string; packages: string[]; source: string }
  | { kind: 'backend-add'; file: string; lines: string[]; source: string }
  | { kind: 'app-config'; file: string; yaml: string; source: string };

const MARKER = '<!-- adopter-test -->';

/** The marked steps of one README, in order. Throws on a block that cannot be applied as written. */
export function readmeSteps(readmePath: string): ReadmeStep[] {
  const lines = readFileSync(readmePath, 'utf8').split('\n');
  const steps: ReadmeStep[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== MARKER) continue;
    // Formatters may put a blank line between the marker and its block.
    while (lines[i + 1]?.trim() === '') i++;
    const fence = /^```(\w+)\s*$/.exec(lines[i + 1] ?? '');
    if (!fence) {
      throw new Error(
        `${readmePath}:${
          i + 1
        }: ${MARKER} must be followed by a fenced code block`,
      );
    }
    const end = lines.indexOf('```', i + 2);
    if (end < 0) throw new Error(`${readmePath}:${i + 2}: unclosed code block`);
    const body = lines.slice(i + 2, end);
    const source = `${readmePath}:${i + 2}`;
    steps.push(...parseBlock(fence[1], body, source));
    i = end;
  }
  return steps;
}

function parseBlock(
  language: string,
  body: string[],
  source: string,
): ReadmeStep[] {
  const fail = (why: string): never => {
    throw new Error(`${source}: cannot apply this block as written: ${why}`);
  };
  if (language === 'sh') {
    return body
      .filter(l => l.trim() && !l.trim().startsWith('#'))
      .map(l => {
        const m = /^yarn --cwd (\S+) add ((?:\S+ ?)+)$/.exec(l.trim());
        if (!m) fail(`'${l}' is not 'yarn --cwd <folder> add <package>...'`);
        return {
          kind: 'yarn-add' as const,
          cwd: m![1],
          packages: m![2].split(' '),
          source,
        };
      });
  }
  if (language === 'ts') {
    const file = /^\/\/ (packages\/backend\/src\/index\.ts)$/.exec(
      body[0] ?? '',
    )?.[1];
    if (!file) fail('a ts block starts with // packages/backend/src/index.ts');
    const lines = body.slice(1).filter(l => l.trim());
    for (const l of lines) {
      if (!/^backend\.add\(import\('[^']+'\)\);$/.test(l.trim())) {
        fail(`'${l}' is not backend.add(import('...'));`);
      }
    }
    return [{ kind: 'backend-add', file: file!, lines, source }];
  }
  if (language === 'yaml') {
    if (body[0]?.trim() !== '# app-config.yaml') {
      fail('a yaml block starts with # app-config.yaml');
    }
    return [
      {
        kind: 'app-config',
        file: 'app-config.yaml',
        yaml: body.slice(1).join('\n'),
        source,
      },
    ];
  }
  return fail(`no rule for ${language} blocks`);
}

/** Deep merge for config: objects merge, lists are extended with new items. */
export function mergeConfig(into: any, from: any): any {
  if (Array.isArray(into) && Array.isArray(from)) {
    const out = [...into];
    for (const item of from) {
      if (!out.some(x => JSON.stringify(x) === JSON.stringify(item))) {
        out.push(item);
      }
    }
    return out;
  }
  if (
    into &&
    from &&
    typeof into === 'object' &&
    typeof from === 'object' &&
    !Array.isArray(into) &&
    !Array.isArray(from)
  ) {
    const out = { ...into };
    for (const [k, v] of Object.entries(from)) {
      out[k] = k in out ? mergeConfig(out[k], v) : v;
    }
    return out;
  }
  return from;
}
