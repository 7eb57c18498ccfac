/**
 * What a Terraform pipeline is made from, and the names of the secrets (GitHub)
 * or CI/CD variables (GitLab) it reads. Only names: no value of a secret ever
 * reaches a file Canopy writes.
 *
 * The pipeline itself names no credential: each Terraform root carries a
 * {@link ROOT_FILE} naming its credential suffix (from cloud, project and
 * region), and the pipeline reads it at run time, so every root is planned
 * and applied with its own project's credentials, whichever request added
 * the pipeline.
 */
import { CANOPY_GITHUB_WORKFLOW_PATH } from '@canopy-idp/plugin-delivery-common';
import { createHash } from 'node:crypto';

/** Where the pipeline runs. */
export type PipelineProvider = 'github' | 'gitlab';

/** The inputs of a pipeline document, checked by the action. */
export interface PipelineSettings {
  /** Folder whose subfolders are the Terraform roots, e.g. `openstack`. */
  root: string;
  /** Branch that pull requests target and whose pushes apply. */
  defaultBranch: string;
  /** Terraform release, e.g. `1.11.4`. */
  terraformVersion: string;
}

/** Where a Terraform root's resources live: names its credentials. */
export interface RootTarget {
  cloud?: string;
  project: string;
  region?: string;
}

/** A secret or variable the repository must define, and what it holds. */
export interface PipelineSecret {
  name: string;
  /** Markdown, for the pull request body; secrets filled together share it. */
  purpose: string;
  /**
   * Who may read it. `plan`: pull / merge request pipelines too (GitHub
   * repository secret; GitLab variable, not protected). `apply`: only the
   * apply job on the default branch (GitHub secret of the environment
   * {@link GITHUB_APPLY_ENVIRONMENT}; GitLab protected variable).
   */
  scope: 'plan' | 'apply';
}

/** The file each provider reads its pipeline from. */
export const PIPELINE_PATHS: Record<PipelineProvider, string> = {
  github: CANOPY_GITHUB_WORKFLOW_PATH,
  gitlab: '.gitlab-ci.yml',
};

/** The file in each Terraform root that names the root's credential suffix. */
export const ROOT_FILE = 'canopy-pipeline.json';

/**
 * The comment lines a pipeline file Canopy writes begins with. The second
 * is the marker the action recognises its own pipeline by (and its format:
 * 2 reads each root's credentials from its {@link ROOT_FILE}).
 */
export const PIPELINE_HEADER = [
  'Canopy Terraform pipeline, added by canopy:pipeline:terraform: it plans pull requests and applies after the merge. Credentials come from CI secrets, never from this file.',
  'canopy-pipeline-format: 2 (each Terraform root names its OpenStack credentials in its canopy-pipeline.json)',
];

/**
 * Whose pipeline file this is: Canopy's current one (`canopy`), an earlier
 * Canopy one that took one set of credentials for every root (`outdated`),
 * or another (`foreign`).
 */
export type PipelineOrigin = 'canopy' | 'outdated' | 'foreign';

/** Tells Canopy's pipeline by its header ({@link PIPELINE_HEADER}). */
export function pipelineOrigin(content: string): PipelineOrigin {
  const format = /^#\s*canopy-pipeline-format:\s*(\d+)\b/m.exec(content);
  if (format && Number(format[1]) >= 2) return 'canopy';
  return /^#.*added by canopy:pipeline:terraform/m.test(content)
    ? 'outdated'
    : 'foreign';
}

/** The GitHub environment whose secrets only the apply job reads. */
export const GITHUB_APPLY_ENVIRONMENT = 'openstack-apply';

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
 * The target a root's {@link ROOT_FILE} names, with its suffix; undefined
 * when the text is not such a file.
 */
export function readRootFile(
  text: string,
): { suffix: string; target: RootTarget } | undefined {
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
    typeof d.credentialSuffix !== 'string' ||
    typeof d.project !== 'string' ||
    !optionalString(d.cloud) ||
    !optionalString(d.region)
  )
    return undefined;
  return {
    suffix: d.credentialSuffix,
    target: {
      ...(d.cloud !== undefined ? { cloud: d.cloud as string } : {}),
      project: d.project,
      ...(d.region !== undefined ? { region: d.region as string } : {}),
    },
  };
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

/**
 * The secrets holding a root's OpenStack credentials, for suffix `S`:
 * `OS_AUTH_URL_S`; the read-only plan credential
 * `OS_PLAN_APPLICATION_CREDENTIAL_ID_S` / `..._SECRET_S`; the apply
 * credential `OS_APPLICATION_CREDENTIAL_ID_S` / `..._SECRET_S`.
 */
export function credentialSecrets(suffix: string) {
  return {
    authUrl: `OS_AUTH_URL_${suffix}`,
    planId: `OS_PLAN_APPLICATION_CREDENTIAL_ID_${suffix}`,
    planSecret: `OS_PLAN_APPLICATION_CREDENTIAL_SECRET_${suffix}`,
    applyId: `OS_APPLICATION_CREDENTIAL_ID_${suffix}`,
    applySecret: `OS_APPLICATION_CREDENTIAL_SECRET_${suffix}`,
  };
}

/** The S3-compatible bucket holding the Terraform state of a GitHub pipeline. */
export const GITHUB_STATE_SECRETS = {
  endpoint: 'TF_STATE_S3_ENDPOINT',
  bucket: 'TF_STATE_S3_BUCKET',
  accessKey: 'TF_STATE_S3_ACCESS_KEY',
  secretKey: 'TF_STATE_S3_SECRET_KEY',
  /** A repository variable, not a secret; `us-east-1` when absent. */
  regionVariable: 'TF_STATE_S3_REGION',
};

/** The GitLab token that posts the plan as a merge request note. */
export const GITLAB_NOTE_TOKEN = 'CANOPY_GITLAB_TOKEN';

/** A markdown code span for any text, backticks included (CommonMark). */
export function codeSpan(text: string): string {
  const longest = Math.max(
    0,
    ...(text.match(/`+/g) ?? []).map(run => run.length),
  );
  const fence = '`'.repeat(longest + 1);
  const content = text.replace(/[\r\n]+/g, ' ');
  // CommonMark strips one space from each end of a span that begins and ends
  // with one (unless it is all spaces): pad such text, and text at a
  // backtick, so that the stripped spaces are the pad.
  const pad =
    content.startsWith('`') ||
    content.endsWith('`') ||
    (content.startsWith(' ') && content.endsWith(' ') && /[^ ]/.test(content))
      ? ' '
      : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/**
 * Every secret or variable the pipeline reads for a root of this target,
 * with what to store in it: the OpenStack ones named after the target, then
 * the repository-wide ones (state bucket or note token).
 */
export function pipelineSecrets(
  provider: PipelineProvider,
  target: RootTarget,
): PipelineSecret[] {
  const os = credentialSecrets(credentialSuffix(target));
  const where = [
    target.cloud ? `cloud ${codeSpan(target.cloud)}` : '',
    `project ${codeSpan(target.project)}`,
    target.region ? `region ${codeSpan(target.region)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const plan = `a **read-only** OpenStack application credential of ${where} for plans (\`openstack application credential create --role reader canopy-terraform-plan\`): its ID and its secret`;
  const apply =
    provider === 'github'
      ? `the **apply** application credential of ${where} (\`openstack application credential create --role member canopy-terraform-apply\`): its ID and its secret, as secrets of the environment \`${GITHUB_APPLY_ENVIRONMENT}\` (not as repository secrets: pull requests could reach those)`
      : `the **apply** application credential of ${where} (\`openstack application credential create --role member canopy-terraform-apply\`): its ID and its secret, as **protected** variables (only pipelines of protected branches get them: protect the default branch)`;
  const secrets: PipelineSecret[] = [
    {
      name: os.authUrl,
      purpose: `the Keystone (identity) URL of ${where}, e.g. \`https://keystone.example.net:5000/v3\``,
      scope: 'plan',
    },
    { name: os.planId, purpose: plan, scope: 'plan' },
    { name: os.planSecret, purpose: plan, scope: 'plan' },
    { name: os.applyId, purpose: apply, scope: 'apply' },
    { name: os.applySecret, purpose: apply, scope: 'apply' },
  ];
  if (provider === 'github') {
    const s = GITHUB_STATE_SECRETS;
    const bucket = `the S3-compatible bucket that keeps the Terraform state, e.g. in the OpenStack object store (\`openstack container create\`; \`openstack ec2 credentials create\` gives an access and a secret key): its endpoint URL, name, access key and secret key; optionally the repository variable \`${s.regionVariable}\` (default \`us-east-1\`)`;
    secrets.push(
      { name: s.endpoint, purpose: bucket, scope: 'plan' },
      { name: s.bucket, purpose: bucket, scope: 'plan' },
      { name: s.accessKey, purpose: bucket, scope: 'plan' },
      { name: s.secretKey, purpose: bucket, scope: 'plan' },
    );
  } else {
    secrets.push({
      name: GITLAB_NOTE_TOKEN,
      purpose:
        'a project access token with the `api` scope and the Reporter role, to post the plan on the merge request (without it the plan is only in the job log)',
      scope: 'plan',
    });
  }
  return secrets;
}
