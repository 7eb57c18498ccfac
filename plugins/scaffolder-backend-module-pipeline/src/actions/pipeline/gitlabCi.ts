/**
 * Canopy's Terraform pipeline as a `.gitlab-ci.yml`, built as a plain object
 * (the action writes it with Canopy's YAML emitter). Merge request pipelines
 * that change the Terraform root folder run fmt, validate and plan for each
 * changed root, the plan as a merge request note; the push of the merge to
 * the default branch applies the roots it changed. The state is
 * GitLab-managed Terraform state, reached with the job token.
 *
 * The file names no project: for each root, the jobs read the credential
 * suffix its `canopy-pipeline.json` names and take the CI/CD variables of
 * that suffix (`printenv "OS_AUTH_URL_$suffix"`, no eval). Plans take the
 * read-only `OS_PLAN_*` credential; the apply job the apply credential,
 * whose variables are protected (only the protected default branch gets
 * them).
 */
import * as scripts from './pipelineScripts';
import { GITLAB_NOTE_TOKEN, PipelineSettings } from './pipelineSettings';

const TEMPLATE = '.canopy-terraform';
const ROOTS_FILE = '.canopy-roots';

/** Sets up GitLab-managed state for root `$1` (unless it has its own backend) and runs `terraform init`. */
const INIT_FUNCTION = `canopy_init() {
  if grep -qs -e 'backend "' -- "$1"/*.tf; then
    terraform -chdir="$1" init -input=false
    return
  fi
  ${scripts.printfLines(
    scripts.backendFileLines('http'),
  )} > "$1/canopy_backend.tf"
  state="$(printf '%s' "$1" | tr -c 'A-Za-z0-9_.-' '_')"
  export TF_HTTP_ADDRESS="$CI_API_V4_URL/projects/$CI_PROJECT_ID/terraform/state/$state"
  export TF_HTTP_LOCK_ADDRESS="$TF_HTTP_ADDRESS/lock"
  export TF_HTTP_UNLOCK_ADDRESS="$TF_HTTP_ADDRESS/lock"
  export TF_HTTP_LOCK_METHOD=POST
  export TF_HTTP_UNLOCK_METHOD=DELETE
  export TF_HTTP_USERNAME=gitlab-ci-token
  export TF_HTTP_PASSWORD="$CI_JOB_TOKEN"
  terraform -chdir="$1" init -input=false -reconfigure
}`;

/**
 * Exports the OpenStack credentials of root `$1` under the names Terraform
 * reads: the CI/CD variables `OS_AUTH_URL_<suffix>`,
 * `OS_<$2>APPLICATION_CREDENTIAL_ID_<suffix>` and
 * `..._SECRET_<suffix>` (`$2`: `PLAN_` or empty), the suffix from the root's
 * file. Clears the previous root's first; fails, saying why, when the root
 * names no suffix or a variable is not set (`$3`: where to define them).
 */
export const CREDENTIALS_FUNCTION = `canopy_credentials() {
  unset OS_AUTH_URL OS_APPLICATION_CREDENTIAL_ID OS_APPLICATION_CREDENTIAL_SECRET
  suffix="$(canopy_root_suffix "$1")" || return 1
  OS_AUTH_URL="$(printenv "OS_AUTH_URL_$suffix" || true)"
  OS_APPLICATION_CREDENTIAL_ID="$(printenv "OS_\${2}APPLICATION_CREDENTIAL_ID_$suffix" || true)"
  OS_APPLICATION_CREDENTIAL_SECRET="$(printenv "OS_\${2}APPLICATION_CREDENTIAL_SECRET_$suffix" || true)"
  export OS_AUTH_URL OS_APPLICATION_CREDENTIAL_ID OS_APPLICATION_CREDENTIAL_SECRET
  if [ "$2" = PLAN_ ] && [ -n "$(printenv "OS_APPLICATION_CREDENTIAL_ID_$suffix" || true)" ]; then
    echo "Warning: the apply credential OS_APPLICATION_CREDENTIAL_ID_$suffix reaches this pipeline; make it a protected variable" >&2
  fi
  echo "$1: OpenStack credentials of $suffix"
  canopy_check_credentials "$suffix" "$2" "$3"
}`;

/** Where the plan and apply variables belong, for the message when one is missing. */
const PLAN_HINT =
  'Define them as masked CI/CD variables, not protected (merge request pipelines plan with them): the Keystone URL and a read-only application credential (role reader) of the root project.';
const APPLY_HINT =
  'Define the application credential as masked and protected CI/CD variables, and protect the default branch: only its pipelines get them.';

/** Posts the file `$1` as a note on the merge request, when a token is set. */
const NOTE_FUNCTION = `canopy_note() {
  if [ -z "\${${GITLAB_NOTE_TOKEN}:-}" ]; then
    echo "${GITLAB_NOTE_TOKEN} is not set: the plan stays in this job's log"
    return 0
  fi
  command -v curl >/dev/null || apk add --no-cache curl >/dev/null
  curl --silent --show-error --fail --request POST \\
    --header "PRIVATE-TOKEN: $${GITLAB_NOTE_TOKEN}" \\
    --data-urlencode "body@$1" \\
    "$CI_API_V4_URL/projects/$CI_PROJECT_ID/merge_requests/$CI_MERGE_REQUEST_IID/notes" >/dev/null
}`;

/** Lists the changed roots into ${ROOTS_FILE}, against the merge request's base or the previous push. */
const LIST_ROOTS = [
  'if [ "$CI_PIPELINE_SOURCE" = merge_request_event ]; then',
  '  base="$CI_MERGE_REQUEST_DIFF_BASE_SHA"',
  'else',
  '  base="$CI_COMMIT_BEFORE_SHA"',
  'fi',
  `canopy_changed_roots "$base" "$CI_COMMIT_SHA" > ${ROOTS_FILE}`,
  'echo "Changed Terraform roots:"',
  `cat ${ROOTS_FILE}`,
].join('\n');

/** Variables of the jobs that talk to OpenStack; the credentials come per root. */
const CLOUD_VARIABLES = {
  OS_AUTH_TYPE: 'v3applicationcredential',
  // The roots' provider reads clouds.yaml entry var.os_cloud; empty, it
  // takes the OS_* variables instead. The region is the root's own
  // (var.region).
  TF_VAR_os_cloud: '',
};

/** Runs `body` (which may set status=1) for every changed root, then fails if one did. */
function eachRoot(body: string[]): string {
  return [
    'status=0',
    'while IFS= read -r dir; do',
    ...body.map(line => `  ${line}`),
    `done < ${ROOTS_FILE}`,
    'exit "$status"',
  ].join('\n');
}

/**
 * The pipeline for a repository whose Terraform roots are the subfolders of
 * `settings.root`. The OpenStack credentials are masked CI/CD variables of
 * the project (the apply ones protected), chosen per root at run time.
 */
export function gitlabCi(settings: PipelineSettings): object {
  const changes = [`${settings.root}/**/*`];
  const mergeRequest = [
    { if: '$CI_PIPELINE_SOURCE == "merge_request_event"', changes },
  ];
  const defaultBranch = [
    {
      if: '$CI_PIPELINE_SOURCE == "push" && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH',
      changes,
    },
  ];
  return {
    stages: ['fmt', 'validate', 'plan', 'apply'],
    variables: {
      TF_ROOT: settings.root,
      GIT_DEPTH: '0',
      TF_IN_AUTOMATION: 'true',
      TF_INPUT: 'false',
    },
    [TEMPLATE]: {
      image: {
        name: `hashicorp/terraform:${settings.terraformVersion}`,
        entrypoint: [''],
      },
      before_script: [scripts.CHANGED_ROOTS_FUNCTION, LIST_ROOTS],
    },
    fmt: {
      extends: TEMPLATE,
      stage: 'fmt',
      rules: mergeRequest,
      script: [
        eachRoot(['terraform -chdir="$dir" fmt -check -diff || status=1']),
      ],
    },
    validate: {
      extends: TEMPLATE,
      stage: 'validate',
      rules: mergeRequest,
      script: [
        eachRoot([
          'terraform -chdir="$dir" init -input=false -backend=false && terraform -chdir="$dir" validate -no-color || status=1',
        ]),
      ],
    },
    plan: {
      extends: TEMPLATE,
      stage: 'plan',
      rules: mergeRequest,
      variables: { ...CLOUD_VARIABLES, CANOPY_MISSING_HINT: PLAN_HINT },
      script: [
        scripts.ROOT_SUFFIX_FUNCTION,
        scripts.CHECK_CREDENTIALS_FUNCTION,
        CREDENTIALS_FUNCTION,
        INIT_FUNCTION,
        scripts.PLAN_COMMENT_FUNCTION,
        NOTE_FUNCTION,
        eachRoot([
          'result=succeeded',
          'if ! canopy_credentials "$dir" PLAN_ "$CANOPY_MISSING_HINT" > plan.txt 2>&1 || ! canopy_init "$dir" >> plan.txt 2>&1 || ! terraform -chdir="$dir" plan -input=false -no-color -lock-timeout=5m -out=tfplan >> plan.txt 2>&1; then',
          '  result=failed',
          '  status=1',
          'fi',
          'cat plan.txt',
          'canopy_plan_comment "$dir" "$result" plan.txt note.md',
          'canopy_note note.md || status=1',
        ]),
      ],
    },
    apply: {
      extends: TEMPLATE,
      stage: 'apply',
      rules: defaultBranch,
      // One apply at a time in the project; later ones wait, none is dropped.
      resource_group: 'canopy-terraform-apply',
      variables: { ...CLOUD_VARIABLES, CANOPY_MISSING_HINT: APPLY_HINT },
      script: [
        scripts.ROOT_SUFFIX_FUNCTION,
        scripts.CHECK_CREDENTIALS_FUNCTION,
        CREDENTIALS_FUNCTION,
        INIT_FUNCTION,
        eachRoot([
          'canopy_credentials "$dir" "" "$CANOPY_MISSING_HINT" || exit 1',
          'canopy_init "$dir" || exit 1',
          'terraform -chdir="$dir" apply -input=false -auto-approve -lock-timeout=10m || exit 1',
        ]),
      ],
    },
  };
}
