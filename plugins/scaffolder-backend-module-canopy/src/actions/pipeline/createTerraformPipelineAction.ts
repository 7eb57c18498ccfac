import { InputError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import {
  createTemplateAction,
  parseRepoUrl,
} from '@backstage/plugin-scaffolder-node';
import { z } from 'zod/v3';
import { hasCharactersGoYamlRefuses } from '../../lib/kubernetes/yaml';
import { parseInput, writeFiles } from '../renderAction';
import { examples } from './createTerraformPipelineAction.examples';
import { githubWorkflow } from './githubWorkflow';
import { gitlabCi } from './gitlabCi';
import { describePipeline } from './pipelineDescription';
import {
  PIPELINE_PATHS,
  PipelineProvider,
  pipelineSecrets,
  PipelineSettings,
} from './pipelineSettings';
import { renderPipelineYaml } from './pipelineYaml';
import { repositoryLookup } from './repositoryLookup';

const BRANCH =
  /^(?!\/|.*([/.]\.|\/\/|@\{|\\|\.lock$|\.$))[A-Za-z0-9._/-]{1,200}$/;

/** '' (an empty form field) counts as absent. */
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess(
    v => (v === '' || v === null ? undefined : v),
    schema.optional(),
  );

/** Free text that names things in the pipeline: one line, no GitHub expression. */
const label = (what: string) =>
  z
    .string()
    .min(1, `${what} must not be empty`)
    .max(64, `${what} must be at most 64 characters`)
    .refine(v => !hasCharactersGoYamlRefuses(v) && !/[\n\t]/.test(v), {
      message: `${what} must not contain control characters or line breaks`,
    })
    .refine(v => !v.includes('${{'), {
      message: `${what} must not contain '\${{' (GitHub would evaluate it as an expression)`,
    });

const schema = z.object({
  repoUrl: z
    .string()
    .min(1, 'repoUrl must not be empty')
    .describe(
      'Repository, as the RepoUrlPicker gives it: host?owner=...&repo=...',
    ),
  terraformRoot: z
    .string()
    .regex(
      /^(?!.*(^|\/)\.{1,2}(\/|$))[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/,
      "terraformRoot must be a relative folder of letters, digits, '.', '_', '-' and '/' (no '.', '..', leading or trailing '/')",
    )
    .default('openstack')
    .describe('Folder whose subfolders are the Terraform roots'),
  cloud: optional(label('cloud')).describe(
    'OpenStack cloud; names the secrets (OS_AUTH_URL_<CLOUD>_<REGION>, ...)',
  ),
  region: optional(label('region')).describe(
    'OpenStack region; names the secrets and becomes OS_REGION_NAME',
  ),
  terraformVersion: z
    .string()
    .regex(
      /^\d{1,3}\.\d{1,3}\.\d{1,3}$/,
      'terraformVersion must be a Terraform release such as 1.11.4',
    )
    .refine(
      v => {
        const [major, minor] = v.split('.').map(Number);
        return major > 1 || (major === 1 && minor >= 10);
      },
      {
        message:
          'terraformVersion must be 1.10.0 or later (the S3 state backend locks with use_lockfile)',
      },
    )
    .default('1.11.4'),
  defaultBranch: optional(
    z.string().regex(BRANCH, 'defaultBranch must be a valid Git branch name'),
  ).describe(
    "Branch to plan against and apply from; default: the repository's",
  ),
  token: optional(z.string()).describe(
    "The user's own SCM token (from the template's secrets)",
  ),
});

const HEADER =
  'Canopy Terraform pipeline, added by canopy:pipeline:terraform: it plans pull requests and applies after the merge. Credentials come from CI secrets, never from this file.';

/**
 * `canopy:pipeline:terraform`: puts the repository's Terraform apply
 * pipeline into the workspace, for the following
 * `canopy:publish:pull-request` step to commit, when the repository does not
 * have one yet. GitHub (chosen by the repository's integration) gets
 * `.github/workflows/canopy-terraform.yaml`, GitLab a `.gitlab-ci.yml`:
 * fmt, validate and plan on pull requests for each changed Terraform root
 * below `terraformRoot`, the plan posted on the pull request, and
 * `terraform apply -auto-approve` after the merge. Outputs the names of the
 * secrets the repository must define and a paragraph for the pull request
 * body. Dry-run asks the repository nothing and writes the file.
 *
 * @public
 */
export function createTerraformPipelineAction(options: {
  integrations: ScmIntegrationRegistry;
}) {
  const { integrations } = options;
  return createTemplateAction({
    id: 'canopy:pipeline:terraform',
    description:
      "Adds the repository's Terraform apply pipeline (GitHub Actions workflow or .gitlab-ci.yml: plan on pull requests, apply after the merge) to the workspace when the repository has none; outputs the secrets it needs and a paragraph for the pull request.",
    examples,
    supportsDryRun: true,
    schema: {
      input: () => schema,
      output: {
        provider: zod => zod.enum(['github', 'gitlab']),
        path: zod =>
          zod
            .string()
            .describe('The pipeline file, relative to the repository root'),
        written: zod =>
          zod
            .boolean()
            .describe(
              'Whether the file was written (false: the repository already has it)',
            ),
        secrets: zod =>
          zod
            .array(zod.string())
            .describe(
              'Names of the secrets (GitHub) or CI/CD variables (GitLab) the pipeline reads',
            ),
        description: zod =>
          zod
            .string()
            .describe('Markdown about the pipeline, for the pull request body'),
      },
    },
    async handler(ctx) {
      const input = parseInput(schema, ctx.input);
      const { host, owner, repo } = parseRepoUrl(input.repoUrl, integrations);
      const integration = integrations.byHost(host);
      if (
        !integration ||
        (integration.type !== 'github' && integration.type !== 'gitlab')
      ) {
        throw new InputError(
          `repoUrl: no GitHub or GitLab integration is configured for host ${host}`,
        );
      }
      if (!owner || !repo)
        throw new InputError('repoUrl: needs owner and repo');
      const provider = integration.type as PipelineProvider;
      const file = PIPELINE_PATHS[provider];

      let found: { branch: string; exists: boolean };
      if (ctx.isDryRun) {
        found = { branch: input.defaultBranch ?? 'main', exists: false };
        ctx.logger.info(
          `Dry run: not asking ${host} whether ${owner}/${repo} has ${file}; writing it`,
        );
      } else {
        const lookup = await repositoryLookup({
          integrations,
          provider,
          host,
          owner,
          repo,
          token: input.token,
        });
        found = await ctx.checkpoint({
          key: `canopy.pipeline.${provider}.${host}.${owner}.${repo}`,
          fn: async () => {
            const branch =
              input.defaultBranch ?? (await lookup.defaultBranch());
            return { branch, exists: await lookup.fileExists(file, branch) };
          },
        });
      }

      const settings: PipelineSettings = {
        root: input.terraformRoot,
        defaultBranch: found.branch,
        terraformVersion: input.terraformVersion,
        cloud: input.cloud,
        region: input.region,
      };
      ctx.output('provider', provider);
      ctx.output('path', file);
      if (found.exists) {
        ctx.logger.info(
          `${owner}/${repo} already has ${file} on ${found.branch}; leaving it as it is`,
        );
        ctx.output('written', false);
        ctx.output('secrets', []);
        ctx.output(
          'description',
          describePipeline(provider, settings, [], false),
        );
        return;
      }

      const document =
        provider === 'github' ? githubWorkflow(settings) : gitlabCi(settings);
      const content = renderPipelineYaml(document, HEADER);
      // No secret may reach a file: the pipeline only names them.
      for (const secret of [
        input.token,
        ...Object.values(ctx.secrets ?? {}),
      ].filter((s): s is string => typeof s === 'string' && s.length >= 6)) {
        if (content.includes(secret))
          throw new InputError(
            `${file} would contain a secret value of the task; refusing to write it`,
          );
      }
      await writeFiles(ctx.workspacePath, '.', { [file]: content });
      const secrets = pipelineSecrets(provider, settings);
      ctx.logger.info(
        `Wrote ${file}; the repository needs ${secrets
          .map(s => s.name)
          .join(', ')}`,
      );
      ctx.output('written', true);
      ctx.output(
        'secrets',
        secrets.map(s => s.name),
      );
      ctx.output(
        'description',
        describePipeline(provider, settings, secrets, true),
      );
    },
  });
}
