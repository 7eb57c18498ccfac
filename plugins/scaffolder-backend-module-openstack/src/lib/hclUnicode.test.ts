/**
 * Strings HCL would read as others are refused (found by the property sweep
 * of issue 21: Terraform 1.11 reads U+11F28 U+0301 as U+1F2C), checked
 * against terraform itself where it is installed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findTerraform } from '@canopy-idp/plugin-scaffolder-node-test-utils';
import { quote } from './hcl';
import { hclUnicodeProblem } from '@canopy-idp/plugin-scaffolder-node';

/** The string terraform reads from `local.x = <value>`, or undefined without terraform. */
function readByTerraform(value: string): string | undefined {
  const terraform = findTerraform();
  if (!terraform) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'canopy-hcl-unicode-'));
  const escaped = [...value]
    .map(c => `\\U${c.codePointAt(0)!.toString(16).padStart(8, '0')}`)
    .join('');
  writeFileSync(path.join(dir, 'main.tf'), `locals {\n  x = "${escaped}"\n}\n`);
  const out = execFileSync(terraform, ['console'], {
    cwd: dir,
    input: 'jsonencode(local.x)\n',
    env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' },
  }).toString();
  return JSON.parse(JSON.parse(out.trim()));
}

describe('hclUnicodeProblem', () => {
  it.each([
    ['\u{11f28}\u0301', 'a Kawi letter and an acute'],
    ['x\u{11f28}\u0301y', 'the same inside a word'],
    ['\u{10065}\u0308', 'a Linear B sign and a diaeresis (e + \u0308)'],
  ])('refuses %j (%s), which terraform reads as another string', value => {
    expect(hclUnicodeProblem(value)).toMatch(
      /Terraform's Unicode normalization merges/,
    );
    // Without terraform here, only the rule is checked.
    const read = readByTerraform(value);
    expect(read === undefined || read !== value).toBe(true);
  });

  it.each([
    'plain',
    'é',
    '\u{1f600}\ufe0f',
    '\u{1f468}\u200d\u{1f469}',
    '\u{11f28}x\u0301',
    '\u{11099}\u{110ba}'.normalize('NFC'),
    '\u0915\u094d\u0937',
  ])('takes %j, which terraform reads as it is', value => {
    expect(hclUnicodeProblem(value)).toBeUndefined();
    expect(readByTerraform(value) ?? value).toBe(value);
  });

  it('refuses what is not NFC, and quote() refuses both', () => {
    expect(hclUnicodeProblem('e\u0301')).toBe(
      'must be in Unicode normalization form NFC',
    );
    expect(() => quote('\u{11f28}\u0301')).toThrow(
      "Terraform's Unicode normalization merges",
    );
  });
});
