/**
 * The shell the pipelines run, as POSIX sh (GitHub runs it with bash, GitLab
 * with the busybox sh of the hashicorp/terraform image). No value from the
 * template's input is ever spliced into a script: scripts read the root
 * folder, the changed folder and the credentials from environment variables
 * that the YAML documents set.
 */
import { ROOT_FILE } from './rootTarget';

/**
 * Defines `canopy_changed_roots BASE HEAD`: prints, one per line, the folders
 * right below `$TF_ROOT` that hold `*.tf` files and changed between BASE and
 * HEAD; every such folder when BASE is empty, all zeros (a new branch) or not
 * in the clone. A folder that was deleted is not listed (nothing to apply).
 */
export const CHANGED_ROOTS_FUNCTION = `canopy_changed_roots() {
  if [ -n "$(printf '%s' "$1" | tr -d 0)" ] && git cat-file -e "$1^{commit}" 2>/dev/null; then
    git -c core.quotePath=false diff --name-only "$1...$2" -- "$TF_ROOT/"
  else
    git -c core.quotePath=false ls-files -- "$TF_ROOT/"
  fi | while IFS= read -r file; do
    rest="\${file#"$TF_ROOT"/}"
    case "$rest" in
      */*)
        dir="$TF_ROOT/\${rest%%/*}"
        if ls -- "$dir"/*.tf >/dev/null 2>&1; then printf '%s\\n' "$dir"; fi
        ;;
    esac
  done | sort -u
}`;

/**
 * Defines `canopy_root_suffix DIR`: prints the credential suffix that
 * `DIR/${ROOT_FILE}` names (`"credentialSuffix": "LAB_DEMO_REGIONONE_O7E6UZ3WK2"`:
 * capital letters, digits and `_` only, so it can only ever name a secret).
 * Without the file, or without such a suffix in it, says so on stderr and
 * returns 1. Reads the file with sed: the GitLab image has no jq.
 */
export const ROOT_SUFFIX_FUNCTION = `canopy_root_suffix() {
  if [ ! -f "$1/${ROOT_FILE}" ]; then
    printf '%s has no ${ROOT_FILE}, so the pipeline does not know which OpenStack credentials are its own. Canopy templates write it with the root (canopy:pipeline:terraform, input rootPath); for a root of your own, add {"credentialSuffix": "<A_NAME_NO_OTHER_ROOT_USES>", "project": "<its OpenStack project>"} there.\\n' "$1" >&2
    return 1
  fi
  suffix="$(sed -n '/"credentialSuffix"[[:space:]]*:[[:space:]]*"[A-Z0-9_]\\{1,200\\}"/{s/.*"credentialSuffix"[[:space:]]*:[[:space:]]*"\\([A-Z0-9_]\\{1,200\\}\\)".*/\\1/p;q;}' -- "$1/${ROOT_FILE}")"
  if [ -z "$suffix" ]; then
    printf '%s/${ROOT_FILE} names no credentialSuffix of capital letters, digits and _\\n' "$1" >&2
    return 1
  fi
  printf '%s\\n' "$suffix"
}`;

/**
 * Defines `canopy_check_credentials SUFFIX PREFIX HINT`: fails, naming each
 * missing secret (`OS_AUTH_URL_<SUFFIX>`,
 * `OS_<PREFIX>APPLICATION_CREDENTIAL_ID_<SUFFIX>`, ...) and HINT, unless
 * `OS_AUTH_URL`, `OS_APPLICATION_CREDENTIAL_ID` and
 * `OS_APPLICATION_CREDENTIAL_SECRET` are all set.
 */
export const CHECK_CREDENTIALS_FUNCTION = `canopy_check_credentials() {
  missing=''
  [ -n "\${OS_AUTH_URL:-}" ] || missing="$missing OS_AUTH_URL_$1"
  [ -n "\${OS_APPLICATION_CREDENTIAL_ID:-}" ] || missing="$missing OS_\${2}APPLICATION_CREDENTIAL_ID_$1"
  [ -n "\${OS_APPLICATION_CREDENTIAL_SECRET:-}" ] || missing="$missing OS_\${2}APPLICATION_CREDENTIAL_SECRET_$1"
  if [ -n "$missing" ]; then
    printf 'Not set:%s. %s\\n' "$missing" "$3" >&2
    return 1
  fi
}`;

/** The first line of the backend file a pipeline writes at run time. */
const BACKEND_HEADER = [
  '# Written by the Canopy Terraform pipeline at run time, never committed:',
];

/**
 * Lines of `canopy_backend.tf` for a root that declares no backend of its
 * own: where its state lives. Only settings, no credentials: those come
 * from the environment.
 */
export function backendFileLines(kind: 's3' | 'http'): string[] {
  if (kind === 'http') {
    return [
      ...BACKEND_HEADER,
      '# the state is GitLab-managed Terraform state of this project.',
      'terraform {',
      '  backend "http" {}',
      '}',
    ];
  }
  return [
    ...BACKEND_HEADER,
    '# the state is in the S3-compatible bucket of TF_STATE_S3_BUCKET.',
    'terraform {',
    '  backend "s3" {',
    '    use_path_style              = true',
    '    use_lockfile                = true',
    '    skip_credentials_validation = true',
    '    skip_region_validation      = true',
    '    skip_requesting_account_id  = true',
    '    skip_metadata_api_check     = true',
    '    skip_s3_checksum            = true',
    '  }',
    '}',
  ];
}

/** `printf` arguments that write these lines, each single-quoted for sh. */
export function printfLines(lines: string[]): string {
  return `printf '%s\\n' ${lines
    .map(l => `'${l.replace(/'/g, `'\\''`)}'`)
    .join(' ')}`;
}

/**
 * The markdown comment a plan becomes: `$1` root, `$2` result, `$3` the file
 * holding the plan output (its first 60,000 bytes; GitHub's limit for a
 * comment is 65,536 characters). Written to the file named by `$4`.
 */
export const PLAN_COMMENT_FUNCTION = `canopy_plan_comment() {
  {
    printf '### Terraform plan for \`%s\`: %s\\n\\n' "$1" "$2"
    printf '<details><summary>Plan output</summary>\\n\\n\`\`\`text\\n'
    head -c 60000 "$3"
    printf '\\n\`\`\`\\n\\n</details>\\n\\n_Posted by the Canopy Terraform pipeline._\\n'
  } > "$4"
}`;
