/**
 * Canopy's Terraform pipeline as a GitHub Actions workflow, built as a plain
 * object (the action writes it with Canopy's YAML emitter). Pull requests
 * into the default branch that change the Terraform root folder get
 * fmt -> validate -> plan for each changed root, the plan as a comment;
 * the push of the merge applies the roots it changed.
 */
import {
  backendFileLines,
  CHANGED_ROOTS_FUNCTION,
  PLAN_COMMENT_FUNCTION,
  printfLines,
} from './pipelineScripts';
import {
  credentialSecrets,
  GITHUB_STATE_SECRETS,
  PipelineSettings,
} from './pipelineSettings';

/** The workflow's name, as GitHub lists its runs. */
export const GITHUB_WORKFLOW_NAME = 'Canopy Terraform';

const expr = (expression: string) => `\${{ ${expression} }}`;
const secret = (name: string) => expr(`secrets.${name}`);

const CHECKOUT = 'actions/checkout@v4';
const SETUP_TERRAFORM = 'hashicorp/setup-terraform@v3';

/** The job that lists the changed roots as a JSON array (`dirs` output). */
function changesJob() {
  return {
    'runs-on': 'ubuntu-latest',
    outputs: { dirs: expr('steps.roots.outputs.dirs') },
    steps: [
      { uses: CHECKOUT, with: { 'fetch-depth': 0 } },
      {
        id: 'roots',
        name: 'List the changed Terraform roots',
        env: {
          BASE_SHA: expr(
            "github.event_name == 'pull_request' && github.event.pull_request.base.sha || github.event.before",
          ),
          HEAD_SHA: expr(
            "github.event_name == 'pull_request' && github.event.pull_request.head.sha || github.sha",
          ),
        },
        run: [
          'set -euo pipefail',
          CHANGED_ROOTS_FUNCTION,
          'dirs="$(canopy_changed_roots "$BASE_SHA" "$HEAD_SHA" | jq -R . | jq -sc .)"',
          'echo "Changed Terraform roots: $dirs"',
          'echo "dirs=$dirs" >> "$GITHUB_OUTPUT"',
        ].join('\n'),
      },
    ],
  };
}

/** A job run once per changed root, in that root's folder. */
function perRootJob(
  event: 'pull_request' | 'push',
  settings: PipelineSettings,
  needs: string[],
  steps: object[],
  extra: Record<string, unknown> = {},
) {
  return {
    needs,
    if: `github.event_name == '${event}' && needs.changes.outputs.dirs != '[]'`,
    'runs-on': 'ubuntu-latest',
    ...extra,
    strategy: {
      'fail-fast': false,
      matrix: { dir: expr('fromJSON(needs.changes.outputs.dirs)') },
    },
    defaults: { run: { 'working-directory': expr('matrix.dir') } },
    steps: [
      { uses: CHECKOUT },
      {
        uses: SETUP_TERRAFORM,
        with: {
          terraform_version: settings.terraformVersion,
          terraform_wrapper: false,
        },
      },
      ...steps,
    ],
  };
}

/** Environment of the jobs that talk to OpenStack and the state bucket. */
function cloudEnvironment(settings: PipelineSettings) {
  const os = credentialSecrets(settings);
  const state = GITHUB_STATE_SECRETS;
  return {
    TF_DIR: expr('matrix.dir'),
    OS_AUTH_TYPE: 'v3applicationcredential',
    OS_AUTH_URL: secret(os.OS_AUTH_URL),
    OS_APPLICATION_CREDENTIAL_ID: secret(os.OS_APPLICATION_CREDENTIAL_ID),
    OS_APPLICATION_CREDENTIAL_SECRET: secret(
      os.OS_APPLICATION_CREDENTIAL_SECRET,
    ),
    ...(settings.region ? { OS_REGION_NAME: settings.region } : {}),
    // The roots' provider reads clouds.yaml entry var.os_cloud; empty, it
    // takes the OS_* environment above instead.
    TF_VAR_os_cloud: '',
    TF_STATE_S3_BUCKET: secret(state.bucket),
    AWS_ENDPOINT_URL_S3: secret(state.endpoint),
    AWS_ACCESS_KEY_ID: secret(state.accessKey),
    AWS_SECRET_ACCESS_KEY: secret(state.secretKey),
    AWS_REGION: expr(`vars.${state.regionVariable} || 'us-east-1'`),
  };
}

/** `terraform init` with the state bucket, unless the root has its own backend. */
const INIT_STEP = {
  name: 'terraform init',
  run: [
    'set -euo pipefail',
    `if grep -qs 'backend "' ./*.tf; then`,
    '  terraform init -input=false',
    'else',
    `  ${printfLines(backendFileLines('s3'))} > canopy_backend.tf`,
    '  terraform init -input=false -backend-config="bucket=$TF_STATE_S3_BUCKET" -backend-config="key=$TF_DIR/terraform.tfstate"',
    'fi',
  ].join('\n'),
};

/**
 * The workflow for a repository whose Terraform roots are the subfolders of
 * `settings.root`.
 */
export function githubWorkflow(settings: PipelineSettings): object {
  const paths = [`${settings.root}/**`];
  const branches = [settings.defaultBranch];
  return {
    name: GITHUB_WORKFLOW_NAME,
    on: {
      pull_request: { branches, paths },
      push: { branches, paths },
    },
    permissions: { contents: 'read', 'pull-requests': 'write' },
    env: {
      TF_ROOT: settings.root,
      TF_IN_AUTOMATION: 'true',
      TF_INPUT: 'false',
    },
    jobs: {
      changes: changesJob(),
      fmt: perRootJob(
        'pull_request',
        settings,
        ['changes'],
        [{ name: 'terraform fmt', run: 'terraform fmt -check -diff' }],
      ),
      validate: perRootJob(
        'pull_request',
        settings,
        ['changes', 'fmt'],
        [
          {
            name: 'terraform validate',
            run: 'terraform init -input=false -backend=false\nterraform validate -no-color',
          },
        ],
      ),
      plan: perRootJob(
        'pull_request',
        settings,
        ['changes', 'validate'],
        [
          INIT_STEP,
          {
            id: 'plan',
            name: 'terraform plan',
            run: [
              'set +e',
              'terraform plan -input=false -no-color -lock-timeout=5m -out=tfplan > plan.txt 2>&1',
              'status=$?',
              'cat plan.txt',
              'echo "status=$status" >> "$GITHUB_OUTPUT"',
            ].join('\n'),
          },
          {
            name: 'Comment the plan on the pull request',
            env: {
              GH_TOKEN: expr('github.token'),
              PR_NUMBER: expr('github.event.pull_request.number'),
              PLAN_STATUS: expr('steps.plan.outputs.status'),
            },
            run: [
              'set -euo pipefail',
              PLAN_COMMENT_FUNCTION,
              'if [ "$PLAN_STATUS" = 0 ]; then result=succeeded; else result=failed; fi',
              'canopy_plan_comment "$TF_DIR" "$result" plan.txt comment.md',
              'gh pr comment "$PR_NUMBER" --repo "$GITHUB_REPOSITORY" --body-file comment.md',
            ].join('\n'),
          },
          {
            name: 'Fail when the plan failed',
            if: "steps.plan.outputs.status != '0'",
            run: 'echo "terraform plan failed in $TF_DIR" >&2\nexit 1',
          },
        ],
        { env: cloudEnvironment(settings) },
      ),
      apply: perRootJob(
        'push',
        settings,
        ['changes'],
        [
          INIT_STEP,
          {
            name: 'terraform apply',
            run: 'terraform apply -input=false -auto-approve -lock-timeout=10m',
          },
        ],
        {
          // One apply per root at a time; a queued run for the same root
          // applies the newer commit, which holds the older one's changes.
          concurrency: {
            group: `canopy-terraform-apply-${expr('github.ref')}-${expr(
              'matrix.dir',
            )}`,
            'cancel-in-progress': false,
          },
          env: cloudEnvironment(settings),
        },
      ),
    },
  };
}
