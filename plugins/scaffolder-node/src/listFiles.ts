import { readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * The files below a folder (a task workspace), relative to it with `/`
 * separators and sorted, without `.git`: what a pull request of it carries.
 *
 * @public
 */
export async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort(
    (a, b) => a.name.localeCompare(b.name),
  )) {
    if (entry.name === '.git') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full, base)));
    else if (entry.isFile())
      out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}
