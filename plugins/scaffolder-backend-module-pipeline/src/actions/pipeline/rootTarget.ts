/**
 * Where a Terraform root's resources live, the credential suffix that names
 * its secrets, and the root's file that records both ({@link ROOT_FILE}).
 */
import { createHash } from 'node:crypto';

/** The file in each Terraform root that names the root's credential suffix. */
export const ROOT_FILE = 'canopy-pipeline.json';

/** Where a Terraform root's resources live: names its credentials. */
export interface RootTarget {
  cloud?: string;
  project: string;
  region?: string;
}

/** A credential suffix as the pipeline accepts it (also checked in its shell). */
export const SUFFIX_PATTERN = /^[A-Z0-9_]{1,200}$/;

/** How many base32 characters of the target's hash end a suffix (50 bits). */
export const SUFFIX_HASH_LENGTH = 10;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (no padding) of a byte string. */
function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return bits ? out + BASE32[(value << (5 - bits)) & 31] : out;
}

/**
 * `LAB_DEMO_REGIONONE_O7E6UZ3WK2` from cloud `lab`, project `demo`, region
 * `RegionOne`: a readable prefix (each part upper-cased, every run of other
 * characters than letters and digits one `_`, at most 40 characters a part),
 * then `_` and {@link SUFFIX_HASH_LENGTH} base32 characters of the SHA-256 of
 * the exact target (`["lab","demo","RegionOne"]`, absent parts `null`).
 *
 * The prefix alone loses case, punctuation and non-ASCII letters
 * (`lab/team-a`, `lab/team_a` and `lab-team/a` all read `LAB_TEAM_A`), and
 * GitHub's secret names ignore case, so only the hash keeps different
 * targets apart. It is always there, so a suffix never depends on whether a
 * name happens to fold cleanly. The action also refuses a root whose suffix
 * another root of the repository already names for another target.
 */
export function credentialSuffix(target: RootTarget): string {
  const part = (value?: string) =>
    (value ?? '')
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40)
      .replace(/_+$/, '');
  const readable = [
    part(target.cloud),
    part(target.project),
    part(target.region),
  ]
    .filter(Boolean)
    .join('_');
  const hash = base32(
    createHash('sha256')
      .update(
        JSON.stringify([
          target.cloud ?? null,
          target.project,
          target.region ?? null,
        ]),
      )
      .digest(),
  ).slice(0, SUFFIX_HASH_LENGTH);
  return readable ? `${readable}_${hash}` : hash;
}

/** Whether two targets are the same cloud, project and region, exactly. */
export function sameTarget(a: RootTarget, b: RootTarget): boolean {
  return (
    (a.cloud ?? null) === (b.cloud ?? null) &&
    a.project === b.project &&
    (a.region ?? null) === (b.region ?? null)
  );
}

/** A target as people read it: `cloud "lab", project "demo", region "RegionOne"`. */
export function describeTarget(target: RootTarget): string {
  return [
    target.cloud !== undefined ? `cloud ${JSON.stringify(target.cloud)}` : '',
    `project ${JSON.stringify(target.project)}`,
    target.region !== undefined
      ? `region ${JSON.stringify(target.region)}`
      : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * The suffix the pipeline's shell reads from a root file (`canopy_root_suffix`:
 * sed takes the first line that names a valid `credentialSuffix`, and on it
 * the last), or undefined when it reads none.
 */
function suffixAsThePipelineReads(text: string): string | undefined {
  const pattern =
    /"credentialSuffix"[ \t\v\f\r]*:[ \t\v\f\r]*"([A-Z0-9_]{1,200})"/g;
  for (const line of text.split('\n')) {
    const found = [...line.matchAll(pattern)];
    if (found.length) return found[found.length - 1][1];
  }
  return undefined;
}

/** The target a root file names, when it is JSON naming one. */
function targetOf(text: string): RootTarget | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const d = data as Record<string, unknown>;
  const optionalString = (v: unknown) =>
    v === undefined || typeof v === 'string';
  if (
    !d ||
    typeof d !== 'object' ||
    typeof d.project !== 'string' ||
    !optionalString(d.cloud) ||
    !optionalString(d.region)
  )
    return undefined;
  return {
    ...(d.cloud !== undefined ? { cloud: d.cloud as string } : {}),
    project: d.project,
    ...(d.region !== undefined ? { region: d.region as string } : {}),
  };
}

/**
 * What a root's {@link ROOT_FILE} gives the pipeline: the suffix its shell
 * reads, and the target the file names (absent in a file written by hand
 * that names none); undefined when the pipeline reads no suffix from it.
 */
export function readRootFile(
  text: string,
): { suffix: string; target?: RootTarget } | undefined {
  const suffix = suffixAsThePipelineReads(text);
  if (!suffix) return undefined;
  const target = targetOf(text);
  return { suffix, ...(target ? { target } : {}) };
}

/** The content of a root's {@link ROOT_FILE}: names, never values. */
export function rootFileContent(target: RootTarget): string {
  const suffix = credentialSuffix(target);
  return `${JSON.stringify(
    {
      $comment: `Written by canopy:pipeline:terraform. Canopy's Terraform pipeline plans this root with the secrets OS_AUTH_URL_${suffix}, OS_PLAN_APPLICATION_CREDENTIAL_ID_${suffix} and OS_PLAN_APPLICATION_CREDENTIAL_SECRET_${suffix}, and applies it with OS_AUTH_URL_${suffix}, OS_APPLICATION_CREDENTIAL_ID_${suffix} and OS_APPLICATION_CREDENTIAL_SECRET_${suffix}.`,
      credentialSuffix: suffix,
      ...(target.cloud !== undefined ? { cloud: target.cloud } : {}),
      project: target.project,
      ...(target.region !== undefined ? { region: target.region } : {}),
    },
    null,
    2,
  )}\n`;
}
