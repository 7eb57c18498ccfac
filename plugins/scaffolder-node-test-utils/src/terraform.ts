import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * terraform on PATH or at /usr/local/bin, or undefined (the check is then reported as not run).
 *
 * @public
 */
export function findTerraform(): string | undefined {
  for (const candidate of [
    process.env.TERRAFORM_BIN,
    '/usr/local/bin/terraform',
    '/usr/bin/terraform',
  ]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Runs `terraform fmt -check -diff` on the given files; returns the diff
 * (empty when already formatted) or undefined without terraform.
 *
 * @public
 */
export function terraformFmtDiff(
  files: Record<string, string>,
): string | undefined {
  const terraform = findTerraform();
  if (!terraform) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'canopy-fmt-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), content);
  }
  try {
    execFileSync(terraform, ['fmt', '-check', '-diff', '-no-color', dir], {
      stdio: 'pipe',
    });
    return '';
  } catch (error) {
    return String((error as { stdout?: Buffer }).stdout ?? error);
  }
}
