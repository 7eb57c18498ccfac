/**
 * Canopy's Terraform pipeline as a GitHub Actions workflow, built as a plain
 * object (the action writes it with Canopy's YAML emitter). Pull requests
 * into the default branch that change the Terraform root folder get
 * fmt -> validate -> plan for each changed root, the plan as a comment;
 * the push of the merge applies the roots it changed.
 *
 * The workflow names no project: the `changes` job reads each changed
 * root's `canopy-pipeline.json` and puts its credential suffix into the
 * matrix, and each job reads the secrets of that suffix by a computed index
 * (`secrets[format('OS_AUTH_URL_{0}', matrix.suffix)]`). Plans read the
 * read-only `OS_PLAN_*` credential; only the apply job, in the environment
 * `openstack-apply` (restricted to the default branch), reads the apply
 * credential.
 */
import { CANOPY_GITHUB_WORKFLOW_NAME } from '@canopy-idp/plugin-delivery-common';
import * as scripts from './pipelineScripts';
import {
  GITHUB_APPLY_ENVIRONMENT,
  GITHUB_STATE_SECRETS,
  PipelineSettings,
} from './pipelineSettings';
import { ROOT_FILE } from './rootTarget';

/** The workflow's name, as GitHub lists its runs. */
export const GITHUB_WORKFLOW_NAME = CANOPY_GITHUB_WORKFLOW_NAME;

const expr = (expression: string) => `\${{ ${expression} }}`;
const secret = (name: string) => expr(`secrets.${name}`);
/** The secret `<prefix>_<the root's suffix>`, by a computed index. */
const rootSecret = (prefix: string) =>
  expr(`secrets[format('${prefix}_{0}', matrix.suffix)]`);

/** Which OpenStack credential a job gets. */
type Credential = 'plan' | 'apply';

const CHECKOUT = 'actions/checkout@v4';
const SETUP_TERRAFORM = 'hashicorp/setup-terraform@v3';

/**
 * The job that lists the changed roots with their credential suffixes as a
 * JSON array, `[{"dir": "openstack/web", "suffix": "LAB_DEMO_REGIONONE_O7E6UZ3WK2"}]`
 * (`roots` output; suffix empty when the root's ${ROOT_FILE} is missing or
 * names none: that root's jobs then fail saying so).
 */
function changesJob() {
  return {
    'runs-on': 'ubuntu-latest',
    outputs: { roots: expr('steps.roots.outputs.roots') },
    steps: [
      { uses: CHECKOUT, with: { 'fetch-depth': 0 } },
      {
        id: 'roots',
        name: 'List the changed Terraform roots and their credentials',
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
          scripts.CHANGED_ROOTS_FUNCTION,
          scripts.ROOT_SUFFIX_FUNCTION,
          'roots="$(canopy_changed_roots "$BASE_SHA" "$HEAD_SHA" | while IFS= read -r dir; do',
          '  suffix="$(canopy_root_suffix "$dir" 2>/dev/null || true)"',
          `  jq -cn --arg dir "$dir" --arg suffix "$suffix" '{dir: $dir, suffix: $suffix}'`,
          'done | jq -sc .)"',
          'echo "Changed Terraform roots: $roots"',
          'echo "roots=$roots" >> "$GITHUB_OUTPUT"',
        ].join('\n'),
      },
    ],
  };
}

/**
 * The first step after the checkout of a job with OpenStack credentials:
 * fails, saying what to do, unless the root names its credential suffix
 * (the one the `changes` job put into the matrix) and its secrets are set.
 */
function credentialCheckStep(credential: Credential) {
  return {
    name: 'Check the OpenStack credentials of the root',
    env: {
      CANOPY_MISSING_HINT:
        credential === 'plan'
          ? 'Define them as repository secrets (Settings, Secrets and variables, Actions): the Keystone URL and a read-only application credential (role reader) of the root project.'
          : `Define the Keystone URL as a repository secret and the application credential as secrets of the environment ${GITHUB_APPLY_ENVIRONMENT} (Settings, Environments), whose deployment branch rule allows only the default branch.`,
    },
    run: [
      'set -euo pipefail',
      scripts.ROOT_SUFFIX_FUNCTION,
      scripts.CHECK_CREDENTIALS_FUNCTION,
      'suffix="$(cd "$GITHUB_WORKSPACE" && canopy_root_suffix "$TF_DIR")"',
      'if [ "$suffix" != "$CANOPY_CREDENTIAL_SUFFIX" ]; then',
      `  echo "$TF_DIR/${ROOT_FILE} names $suffix, the job was given the secrets of '$CANOPY_CREDENTIAL_SUFFIX'" >&2`,
      '  exit 1',
      'fi',
      `canopy_check_credentials "$suffix" "${
        credential === 'plan' ? 'PLAN_' : ''
      }" "$CANOPY_MISSING_HINT"`,
      'echo "$TF_DIR: OpenStack credentials of $suffix"',
    ].join('\n'),
  };
}

/** A job run once per changed root, in that root's folder. */
function perRootJob(
  event: 'pull_request' | 'push',
  settings: PipelineSettings,
  needs: string[],
  steps: object[],
  options: { credential?: Credential; extra?: Record<string, unknown> } = {},
) {
  return {
    needs,
    if: `github.event_name == '${event}' && needs.changes.outputs.roots != '[]'`,
    'runs-on': 'ubuntu-latest',
    ...options.extra,
    ...(options.credential
      ? { env: cloudEnvironment(options.credential) }
      : {}),
    strategy: {
      'fail-fast': false,
      matrix: { include: expr('fromJSON(needs.changes.outputs.roots)') },
    },
    defaults: { run: { 'working-directory': expr('matrix.dir') } },
    steps: [
      { uses: CHECKOUT },
      ...(options.credential ? [credentialCheckStep(options.credential)] : []),
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

/**
 * Environment of the jobs that talk to OpenStack and the state bucket: the
 * root's own secrets (by its suffix), the plan or the apply credential.
 */
function cloudEnvironment(credential: Credential) {
  const state = GITHUB_STATE_SECRETS;
  const kind = credential === 'plan' ? 'OS_PLAN_' : 'OS_';
  return {
    TF_DIR: expr('matrix.dir'),
    CANOPY_CREDENTIAL_SUFFIX: expr('matrix.suffix'),
    OS_AUTH_TYPE: 'v3applicationcredential',
    OS_AUTH_URL: rootSecret('OS_AUTH_URL'),
    OS_APPLICATION_CREDENTIAL_ID: rootSecret(
      `${kind}APPLICATION_CREDENTIAL_ID`,
    ),
    OS_APPLICATION_CREDENTIAL_SECRET: rootSecret(
      `${kind}APPLICATION_CREDENTIAL_SECRET`,
    ),
    // The roots' provider reads clouds.yaml entry var.os_cloud; empty, it
    // takes the OS_* environment above instead. The region is the root's
    // own (var.region).
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
    `  ${scripts.printfLines(
      scripts.backendFileLines('s3'),
    )} > canopy_backend.tf`,
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
              scripts.PLAN_COMMENT_FUNCTION,
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
        { credential: 'plan' },
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
          credential: 'apply',
          extra: {
            // The apply credential is a secret of this environment, whose
            // deployment branch rule admits only the default branch: no
            // pull request job can read it.
            environment: GITHUB_APPLY_ENVIRONMENT,
            // One apply per root at a time; a queued run for the same root
            // applies the newer commit, which holds the older one's changes.
            concurrency: {
              group: `canopy-terraform-apply-${expr('github.ref')}-${expr(
                'matrix.dir',
              )}`,
              'cancel-in-progress': false,
            },
          },
        },
      ),
    },
  };
}
