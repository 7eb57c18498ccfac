/** The markdown a pull request body gets about the Terraform pipeline. */
import {
  codeSpan,
  PIPELINE_PATHS,
  PipelineProvider,
  PipelineSecret,
  PipelineSettings,
} from './pipelineSettings';

/**
 * What the pipeline is, when it runs, and the secrets (GitHub) or CI/CD
 * variables (GitLab) the repository must define: names and what to store in
 * them, never values. When the repository already had a pipeline, says so.
 */
export function describePipeline(
  provider: PipelineProvider,
  settings: PipelineSettings,
  secrets: PipelineSecret[],
  written: boolean,
): string {
  const file = codeSpan(PIPELINE_PATHS[provider]);
  const root = codeSpan(`${settings.root}/`);
  const branch = codeSpan(settings.defaultBranch);
  if (!written) {
    return [
      '### Terraform pipeline',
      '',
      `The repository already has ${file} on ${branch}; Canopy left it as it is. It plans this change and applies it after the merge.`,
    ].join('\n');
  }
  // One bullet per purpose: secrets filled together are listed together.
  const groups: Array<{ names: string[]; purpose: string }> = [];
  for (const s of secrets) {
    const last = groups[groups.length - 1];
    if (last?.purpose === s.purpose) last.names.push(s.name);
    else groups.push({ names: [s.name], purpose: s.purpose });
  }
  const list = groups.map(
    g => `- ${g.names.map(codeSpan).join(', ')}: ${g.purpose}`,
  );
  if (provider === 'github') {
    return [
      '### Terraform pipeline',
      '',
      `This pull request adds ${file}, the **Canopy Terraform** GitHub Actions workflow. On pull requests into ${branch} that change ${root}, it runs \`terraform fmt\`, \`validate\` and \`plan\` for each changed Terraform root (a folder right below ${root}) and posts the plan as a comment. The push of the merge to ${branch} runs \`terraform apply -auto-approve\` for the roots it changed (job \`apply\`).`,
      '',
      'Before merging, define these repository secrets (Settings → Secrets and variables → Actions); their values never go into the repository or through Canopy:',
      '',
      ...list,
    ].join('\n');
  }
  return [
    '### Terraform pipeline',
    '',
    `This merge request adds ${file}, Canopy's Terraform pipeline for GitLab CI. Merge request pipelines that change ${root} run the \`fmt\`, \`validate\` and \`plan\` jobs for each changed Terraform root (a folder right below ${root}) and post the plan as a note. The pipeline of the default branch runs \`terraform apply -auto-approve\` for the roots the merge changed (job \`apply\`). The Terraform state is the project's GitLab-managed Terraform state.`,
    '',
    'Before merging, define these CI/CD variables (Settings → CI/CD → Variables), masked and not protected (merge request pipelines plan with them); their values never go into the repository or through Canopy:',
    '',
    ...list,
  ].join('\n');
}
