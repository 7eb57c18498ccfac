/**
 * What a Terraform pipeline is made from, and the names of the secrets (GitHub)
 * or CI/CD variables (GitLab) it reads. Only names: no value of a secret ever
 * reaches a file Canopy writes.
 */

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
  /** Names the secrets; never written otherwise. */
  cloud?: string;
  /** Names the secrets and becomes OS_REGION_NAME. */
  region?: string;
}

/** A secret or variable the repository must define, and what it holds. */
export interface PipelineSecret {
  name: string;
  /** Markdown, for the pull request body; secrets filled together share it. */
  purpose: string;
}

/** The file each provider reads its pipeline from. */
export const PIPELINE_PATHS: Record<PipelineProvider, string> = {
  github: '.github/workflows/canopy-terraform.yaml',
  gitlab: '.gitlab-ci.yml',
};

/** `LAB_REGIONONE` from cloud `lab` and region `RegionOne`: letters, digits and `_` only. */
function nameSuffix(settings: PipelineSettings): string {
  const part = (value?: string) =>
    (value ?? '')
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 60);
  const parts = [part(settings.cloud), part(settings.region)].filter(Boolean);
  return parts.length ? `_${parts.join('_')}` : '';
}

/**
 * The secrets holding the OpenStack application credential, by the
 * environment variable each one becomes: `OS_AUTH_URL_LAB_REGIONONE` for
 * cloud `lab`, region `RegionOne`, or plain `OS_AUTH_URL` without either.
 */
export function credentialSecrets(settings: PipelineSettings) {
  const suffix = nameSuffix(settings);
  return {
    OS_AUTH_URL: `OS_AUTH_URL${suffix}`,
    OS_APPLICATION_CREDENTIAL_ID: `OS_APPLICATION_CREDENTIAL_ID${suffix}`,
    OS_APPLICATION_CREDENTIAL_SECRET: `OS_APPLICATION_CREDENTIAL_SECRET${suffix}`,
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
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/[\r\n]+/g, ' ')}${pad}${fence}`;
}

/** Every secret or variable the pipeline reads, with what to store in it. */
export function pipelineSecrets(
  provider: PipelineProvider,
  settings: PipelineSettings,
): PipelineSecret[] {
  const os = credentialSecrets(settings);
  const where = settings.cloud
    ? ` of cloud ${codeSpan(settings.cloud)}${
        settings.region ? `, region ${codeSpan(settings.region)}` : ''
      }`
    : '';
  const credential =
    'create an OpenStack application credential for the project (`openstack application credential create canopy-terraform`) and store its ID and its secret in these two';
  const secrets: PipelineSecret[] = [
    {
      name: os.OS_AUTH_URL,
      purpose: `the Keystone (identity) URL${where}, e.g. \`https://keystone.example.net:5000/v3\``,
    },
    { name: os.OS_APPLICATION_CREDENTIAL_ID, purpose: credential },
    { name: os.OS_APPLICATION_CREDENTIAL_SECRET, purpose: credential },
  ];
  if (provider === 'github') {
    const s = GITHUB_STATE_SECRETS;
    const bucket = `the S3-compatible bucket that keeps the Terraform state, e.g. in the OpenStack object store (\`openstack container create\`; \`openstack ec2 credentials create\` gives an access and a secret key): its endpoint URL, name, access key and secret key; optionally the repository variable \`${s.regionVariable}\` (default \`us-east-1\`)`;
    secrets.push(
      { name: s.endpoint, purpose: bucket },
      { name: s.bucket, purpose: bucket },
      { name: s.accessKey, purpose: bucket },
      { name: s.secretKey, purpose: bucket },
    );
  } else {
    secrets.push({
      name: GITLAB_NOTE_TOKEN,
      purpose:
        'a project access token with the `api` scope and the Reporter role, to post the plan on the merge request (without it the plan is only in the job log)',
    });
  }
  return secrets;
}
