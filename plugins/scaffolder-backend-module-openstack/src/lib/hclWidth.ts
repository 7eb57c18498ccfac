/**
 * How many columns `terraform fmt` gives a key when it aligns `=`: hclwrite
 * (hclwrite/tokens.go, `Tokens.Columns`) adds up the grapheme clusters of
 * each token on its own, counted by go-textseg v15 (Unicode 15.0). A quoted
 * key is three or more tokens: the opening quote, the pieces of its content
 * (split at `$` and `%`, as the HCL scanner splits a template), the closing
 * quote. So a combining mark, ZWJ, VS16 or skin-tone modifier right after
 * the opening quote, or a prepend character before the closing one, is a
 * column of its own.
 */

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Whether a character is a virama: canonical combining class 9, found by
 * how Unicode normalization orders it between the nukta U+093C (class 7)
 * and the Hebrew sheva U+05B0 (class 10); class 8 is only the kana voicing
 * marks U+3099 and U+309A.
 */
function isVirama(ch: string): boolean {
  if (ch === '\u3099' || ch === '\u309a' || !/\p{M}/u.test(ch)) return false;
  const after7 = `a${ch}\u093c`.normalize('NFD') === `a\u093c${ch}`;
  const before10 = `a\u05b0${ch}`.normalize('NFD') === `a${ch}\u05b0`;
  return after7 && before10;
}

/** Letters that are grapheme SpacingMarks (Thai and Lao AM): they join. */
const SPACING_MARK_LETTERS = new Set(['\u0e33', '\u0eb3']);

/**
 * Grapheme clusters of one token as go-textseg v15 (Unicode 15.0) counts
 * them: the platform's segmentation (a newer Unicode), undoing the conjunct
 * rule (GB9c, Unicode 15.1, extended to more scripts since) that joins a
 * consonant to the one before it across a virama: in Unicode 15.0 a letter
 * after a virama (and any marks or ZWJ) starts a cluster of its own.
 */
function clusters15(text: string): number {
  let n = 0;
  for (const { segment } of graphemes.segment(text)) {
    n++;
    let afterVirama = false;
    for (const ch of [...segment].slice(1)) {
      if (isVirama(ch)) afterVirama = true;
      else if (/[\p{M}\u200d]/u.test(ch)) continue;
      else if (
        afterVirama &&
        /\p{L}/u.test(ch) &&
        !SPACING_MARK_LETTERS.has(ch)
      ) {
        n++;
        afterVirama = false;
      } else afterVirama = false;
    }
  }
  return n;
}

/**
 * The pieces the HCL scanner makes of a quoted string's content (escaped as
 * `escapeTemplate` writes it): `$${` and `%%{` are one each, a lone `$` or
 * `%` is one, and each run of other characters (a backslash escape
 * included) is one.
 */
function quotedPieces(content: string): string[] {
  const pieces: string[] = [];
  let run = '';
  for (let i = 0; i < content.length; i++) {
    const ch = content[i];
    if (ch === '\\') {
      run += content.slice(i, i + 2);
      i++;
    } else if (ch === '$' || ch === '%') {
      if (run) pieces.push(run);
      run = '';
      const escape = content.slice(i, i + 3);
      if (escape === `${ch}${ch}{`) {
        pieces.push(escape);
        i += 2;
      } else pieces.push(ch);
    } else run += ch;
  }
  if (run) pieces.push(run);
  return pieces;
}

/** The columns of a key as `terraform fmt` counts them (bare or quoted). */
export function columns(key: string): number {
  if (!key.startsWith('"')) return clusters15(key);
  const content = key.slice(1, -1);
  return (
    2 + quotedPieces(content).reduce((n, piece) => n + clusters15(piece), 0)
  );
}
