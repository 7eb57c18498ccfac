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
import { credentialSuffix, ROOT_FILE, RootTarget } from './rootTarget';

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
