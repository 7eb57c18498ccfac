/**
 * Whether HCL (Terraform) would read a string as another one. HCL brings
 * every string to Unicode NFC with golang.org/x/text, whose composition
 * looks character pairs up by the low 16 bits of each code point: a
 * character beyond U+FFFF followed by a mark that composes with the BMP
 * character of the same low bits becomes that composition (Terraform 1.11
 * reads U+11F28 U+0301 as U+1F2C). Such strings, and strings not in NFC,
 * cannot reach Terraform exactly, so Canopy refuses them.
 */

/** Whether x/text's NFC composition would merge something in the string. */
function mergedByTruncatedComposition(value: string): boolean {
  const points = [...value];
  for (let i = 0; i < points.length; i++) {
    const code = points[i].codePointAt(0)!;
    if (code <= 0xffff) continue;
    const twin = String.fromCodePoint(code & 0xffff);
    for (const next of points.slice(i + 1)) {
      if ([...`${twin}${next}`.normalize('NFC')].length === 1) return true;
      // Only the marks right after a starter can compose with it.
      if (!/\p{M}/u.test(next)) break;
    }
  }
  return false;
}

/**
 * Why HCL would not read the string exactly, or undefined when it would.
 *
 * @public
 */
export function hclUnicodeProblem(value: string): string | undefined {
  if (value !== value.normalize('NFC'))
    return 'must be in Unicode normalization form NFC';
  if (mergedByTruncatedComposition(value))
    return "must not hold a character beyond U+FFFF followed by a mark that Terraform's Unicode normalization merges with it (it would read another character)";
  return undefined;
}
