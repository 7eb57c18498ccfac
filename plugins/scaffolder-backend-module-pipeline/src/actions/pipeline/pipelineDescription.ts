/** The markdown a pull request body gets about the Terraform pipeline. */
import {
  codeSpan,
  GITHUB_APPLY_ENVIRONMENT,
  PIPELINE_PATHS,
  PipelineOrigin,
  PipelineProvider,
  PipelineSecret,
  PipelineSettings,
} from './pipelineSettings';
import { ROOT_FILE, RootTarget } from './rootTarget';

/** The request's own Terraform root, and what names its credentials. */
export interface RootRequest {
  /** The root folder, e.g. `openstack/web`. */
  path: string;
  target: RootTarget;
  suffix: string;
}

/** One bullet per purpose: secrets filled together are listed together. */
function bullets(secrets: PipelineSecret[]): string[] {
  const groups: Array<{ names: string[]; purpose: string }> = [];
  for (const s of secrets) {
    const last = groups[groups.length - 1];
    if (last?.purpose === s.purpose) last.names.push(s.name);
    else groups.push({ names: [s.name], purpose: s.purpose });
  }
  return groups.map(g => `- ${g.names.map(codeSpan).join(', ')}: ${g.purpose}`);
}

/** The secrets Canopy's pipeline reads for this root, and where each belongs. */
function secretLists(
  provider: PipelineProvider,
  settings: PipelineSettings,
  secrets: PipelineSecret[],
): string[] {
  const branch = codeSpan(settings.defaultBranch);
  const plan = bullets(secrets.filter(s => s.scope === 'plan'));
  const apply = bullets(secrets.filter(s => s.scope === 'apply'));
  if (provider === 'github') {
    return [
      'Repository secrets (Settings → Secrets and variables → Actions → Repository secrets; pull request plans read them):',
      '',
      ...plan,
      '',
      `Secrets of the environment ${codeSpan(
        GITHUB_APPLY_ENVIRONMENT,
      )} (Settings → Environments; give it a deployment branch rule that allows only ${branch}, so that no pull request job can read them; only the \`apply\` job runs in it):`,
      '',
      ...apply,
    ];
  }
  return [
    'Masked CI/CD variables, **not** protected (Settings → CI/CD → Variables; merge request pipelines plan with them):',
    '',
    ...plan,
    '',
    `Masked and **protected** CI/CD variables (only pipelines of protected branches get them: protect ${branch}, which the \`apply\` job runs on):`,
    '',
    ...apply,
  ];
}

/** Which credentials the root names, in one sentence. */
function rootSentence(provider: PipelineProvider, root: RootRequest): string {
  const where = [
    root.target.cloud ? `cloud ${codeSpan(root.target.cloud)}` : '',
    `project ${codeSpan(root.target.project)}`,
    root.target.region ? `region ${codeSpan(root.target.region)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `Each Terraform root names its OpenStack credentials in its ${codeSpan(
    ROOT_FILE,
  )}, so every root is planned and applied with its own project's credentials: this ${
    provider === 'github' ? 'pull' : 'merge'
  } request's root ${codeSpan(root.path)} names ${codeSpan(
    root.suffix,
  )} (${where}). Plans use a read-only application credential; only the \`apply\` job gets the one that can change the project.`;
}

/**
 * What the pipeline is, when it runs, and the secrets (GitHub) or CI/CD
 * variables (GitLab) this request's root needs: names and what to store in
 * them, never values. When the repository already had a pipeline file,
 * says whose it is; only of Canopy's own does it say that it applies the
 * change.
 */
export function describePipeline(
  provider: PipelineProvider,
  settings: PipelineSettings,
  root: RootRequest,
  secrets: PipelineSecret[],
  state: 'written' | PipelineOrigin,
): string {
  const file = codeSpan(PIPELINE_PATHS[provider]);
  const folder = codeSpan(`${settings.root}/`);
  const branch = codeSpan(settings.defaultBranch);
  const lists = secretLists(provider, settings, secrets);
  const unlessDefined =
    provider === 'github'
      ? 'unless the repository has them already'
      : 'unless the project has them already';
  const values = 'their values never go into the repository or through Canopy';
  const heading = ['### Terraform pipeline', ''];

  if (state === 'foreign' || state === 'outdated') {
    const what =
      state === 'foreign'
        ? `The repository already has ${file} on ${branch}, which is not Canopy's Terraform pipeline (it carries no Canopy marker). Canopy left it as it is and cannot tell whether it plans this change or applies it after the merge: check that it does, with credentials of the project this change is for.`
        : `The repository has an earlier version of Canopy's Terraform pipeline in ${file} on ${branch}, which takes one set of OpenStack credentials for every root and may apply this change with another project's. Canopy left it as it is: remove it (a pull request of its own), and the next Canopy Terraform template adds the current pipeline, which reads each root's credentials.`;
    return [
      ...heading,
      what,
      '',
      `Canopy's own pipeline would read the credentials this root names in ${codeSpan(
        `${root.path}/${ROOT_FILE}`,
      )} (${codeSpan(root.suffix)}), from these ${
        provider === 'github' ? 'secrets' : 'CI/CD variables'
      }:`,
      '',
      ...lists,
    ].join('\n');
  }

  let intro: string;
  if (state === 'canopy') {
    intro = `The repository already has Canopy's Terraform pipeline, ${file}, on ${branch}; Canopy left it as it is. It plans this change on the ${
      provider === 'github' ? 'pull' : 'merge'
    } request and applies it after the merge (job \`apply\`).`;
  } else if (provider === 'github') {
    intro = `This pull request adds ${file}, the **Canopy Terraform** GitHub Actions workflow. On pull requests into ${branch} that change ${folder}, it runs \`terraform fmt\`, \`validate\` and \`plan\` for each changed Terraform root (a folder right below ${folder}) and posts the plan as a comment. The push of the merge to ${branch} runs \`terraform apply -auto-approve\` for the roots it changed (job \`apply\`, in the environment ${codeSpan(
      GITHUB_APPLY_ENVIRONMENT,
    )}).`;
  } else {
    intro = `This merge request adds ${file}, Canopy's Terraform pipeline for GitLab CI. Merge request pipelines that change ${folder} run the \`fmt\`, \`validate\` and \`plan\` jobs for each changed Terraform root (a folder right below ${folder}) and post the plan as a note. The pipeline of the default branch runs \`terraform apply -auto-approve\` for the roots the merge changed (job \`apply\`). The Terraform state is the project's GitLab-managed Terraform state.`;
  }
  return [
    ...heading,
    intro,
    '',
    rootSentence(provider, root),
    '',
    `Before merging, define these ${
      provider === 'github' ? 'secrets' : 'CI/CD variables'
    } ${unlessDefined}; ${values}.`,
    '',
    ...lists,
  ].join('\n');
}
