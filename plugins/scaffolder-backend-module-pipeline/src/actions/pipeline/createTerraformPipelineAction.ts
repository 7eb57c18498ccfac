import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  BRANCH_PATTERN,
  BRANCH_RULE,
  gitRepository,
  ownedRepository,
  parseInput,
  writeFiles,
} from '@canopy-idp/plugin-scaffolder-node';
import { examples } from './createTerraformPipelineAction.examples';
import { schema } from './pipelineInput';
import { githubWorkflow } from './githubWorkflow';
import { gitlabCi } from './gitlabCi';
import { describePipeline } from './pipelineDescription';
import {
  PIPELINE_HEADER,
  PIPELINE_PATHS,
  pipelineOrigin,
  PipelineOrigin,
  pipelineSecrets,
  PipelineSettings,
} from './pipelineSettings';
import {
  credentialSuffix,
  describeTarget,
  ROOT_FILE,
  rootFileContent,
  RootTarget,
} from './rootTarget';
import { renderPipelineYaml } from './pipelineYaml';
import { repositoryLookup } from './repositoryLookup';
import { findSuffixClash, SuffixClash } from './suffixClash';

/**
 * `canopy:pipeline:terraform`: puts the repository's Terraform apply
 * pipeline into the workspace, for the following
 * `canopy:publish:pull-request` step to commit, when the repository does not
 * have one yet. GitHub (chosen by the repository's integration) gets
 * `.github/workflows/canopy-terraform.yaml`, GitLab a `.gitlab-ci.yml`:
 * fmt, validate and plan on pull requests for each changed Terraform root
 * below `terraformRoot`, the plan posted on the pull request, and
 * `terraform apply -auto-approve` after the merge. Always writes
 * `<rootPath>/canopy-pipeline.json`, naming the credential suffix of this
 * request's root (from cloud, project and region): the pipeline reads it at
 * run time and plans and applies each root with that root's secrets
 * (a read-only credential for plans, the apply credential only in the apply
 * job). Outputs the names of the secrets this root needs, whether the
 * pipeline file is Canopy's, and a paragraph for the pull request body.
 * With the portal's token (no `token` input) it asks only a repository the
 * user's teams own (see `canopy:publish:pull-request`). Dry-run asks the
 * repository nothing and writes both files.
 *
 * @public
 */
export function createTerraformPipelineAction(options: {
  integrations: ScmIntegrationRegistry;
  /** To ask the delivery backend whether the user's teams own the repository. */
  discovery: DiscoveryService;
  auth: AuthService;
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
        canopyPipeline: zod =>
          zod
            .boolean()
            .describe(
              "Whether the repository's pipeline file is Canopy's current pipeline (written now, or already there): it then applies this root after the merge. False for a file of the repository's own",
            ),
        rootFile: zod =>
          zod
            .string()
            .describe(
              "The root's file naming its credential suffix, relative to the repository root",
            ),
        credentialSuffix: zod =>
          zod
            .string()
            .describe(
              "The suffix of this root's secrets, e.g. LAB_DEMO_REGIONONE_O7E6UZ3WK2",
            ),
        secrets: zod =>
          zod
            .array(zod.string())
            .describe(
              "Names of the secrets (GitHub) or CI/CD variables (GitLab) Canopy's pipeline reads for this root, also when the pipeline already exists",
            ),
        description: zod =>
          zod
            .string()
            .describe('Markdown about the pipeline, for the pull request body'),
      },
    },
    async handler(ctx) {
      const input = parseInput(schema, ctx.input);
      const { host, owner, repo, provider } = gitRepository(
        input.repoUrl,
        integrations,
      );
      const file = PIPELINE_PATHS[provider];
      const rootPath = input.rootPath;
      if (
        !rootPath.startsWith(`${input.terraformRoot}/`) ||
        rootPath.slice(input.terraformRoot.length + 1).includes('/')
      ) {
        throw new InputError(
          `rootPath: ${rootPath} must be a folder right below terraformRoot (${input.terraformRoot}/<name>): the pipeline plans and applies those`,
        );
      }
      const target: RootTarget = {
        cloud: input.cloud,
        project: input.project,
        region: input.region,
      };
      const suffix = credentialSuffix(target);

      let found: { branch: string; origin: 'none' | PipelineOrigin };
      if (ctx.isDryRun) {
        found = { branch: input.defaultBranch ?? 'main', origin: 'none' };
        ctx.logger.info(
          `Dry run: not asking ${host} whether ${owner}/${repo} has ${file}; writing it`,
        );
      } else {
        await ownedRepository(options, ctx, {
          host,
          owner,
          repo,
          token: input.token,
        });
        const lookup = await repositoryLookup({
          integrations,
          provider,
          host,
          owner,
          repo,
          token: input.token,
        });
        const checked = (await ctx.checkpoint({
          key: `canopy.pipeline.v3.${provider}.${host}.${owner}.${repo}.${rootPath}.${suffix}`,
          fn: async () => {
            const branch =
              input.defaultBranch ?? (await lookup.defaultBranch());
            const content = await lookup.fileContent(file, branch);
            const clash = await findSuffixClash({
              lookup,
              branch,
              terraformRoot: input.terraformRoot,
              rootPath,
              suffix,
              target,
            });
            return JSON.parse(
              JSON.stringify({
                branch,
                origin:
                  content === undefined ? 'none' : pipelineOrigin(content),
                clash,
              }),
            ) as JsonObject;
          },
        })) as unknown as {
          branch: string;
          origin: 'none' | PipelineOrigin;
          clash?: SuffixClash;
        };
        if (!BRANCH_PATTERN.test(checked.branch)) {
          throw new InputError(
            `defaultBranch: the default branch ${JSON.stringify(
              checked.branch,
            )} that ${host} gives for ${owner}/${repo} cannot be written into the pipeline: it must be ${BRANCH_RULE} (give the input defaultBranch)`,
          );
        }
        if (checked.clash) {
          const other = checked.clash.target
            ? `for ${describeTarget(checked.clash.target)}`
            : 'without naming its project';
          throw new InputError(
            `project: the credential suffix ${suffix} of ${describeTarget(
              target,
            )} is already named by ${
              checked.clash.path
            }/${ROOT_FILE} ${other}, and two roots of one repository must not share credentials (rule: one credential suffix, one target)`,
          );
        }
        found = checked;
      }

      const settings: PipelineSettings = {
        root: input.terraformRoot,
        defaultBranch: found.branch,
        terraformVersion: input.terraformVersion,
      };
      const files: Record<string, string> = {
        [`${rootPath}/${ROOT_FILE}`]: rootFileContent(target),
      };
      if (found.origin === 'none') {
        const document =
          provider === 'github' ? githubWorkflow(settings) : gitlabCi(settings);
        files[file] = renderPipelineYaml(document, PIPELINE_HEADER);
      }
      // No secret may reach a file: the pipeline and the root file only name them.
      const values = [input.token, ...Object.values(ctx.secrets ?? {})].filter(
        (s): s is string => typeof s === 'string' && s.length >= 6,
      );
      for (const [name, content] of Object.entries(files)) {
        if (values.some(value => content.includes(value)))
          throw new InputError(
            `${name} would contain a secret value of the task; refusing to write it`,
          );
      }
      await writeFiles(ctx.workspacePath, '.', files);

      const secrets = pipelineSecrets(provider, target);
      const root = { path: rootPath, target, suffix };
      if (found.origin === 'none') {
        ctx.logger.info(
          `Wrote ${file} and ${rootPath}/${ROOT_FILE}; the repository needs ${secrets
            .map(s => s.name)
            .join(', ')}`,
        );
      } else {
        const whose: Record<PipelineOrigin, string> = {
          canopy: "Canopy's pipeline",
          outdated:
            'an earlier Canopy pipeline, which takes one set of credentials for every root',
          foreign: "not Canopy's pipeline",
        };
        ctx.logger.info(
          `${owner}/${repo} already has ${file} on ${found.branch} (${
            whose[found.origin]
          }); leaving it as it is. Wrote ${rootPath}/${ROOT_FILE} (${suffix})`,
        );
      }
      ctx.output('provider', provider);
      ctx.output('path', file);
      ctx.output('written', found.origin === 'none');
      ctx.output(
        'canopyPipeline',
        found.origin === 'none' || found.origin === 'canopy',
      );
      ctx.output('rootFile', `${rootPath}/${ROOT_FILE}`);
      ctx.output('credentialSuffix', suffix);
      ctx.output(
        'secrets',
        secrets.map(s => s.name),
      );
      ctx.output(
        'description',
        describePipeline(
          provider,
          settings,
          root,
          secrets,
          found.origin === 'none' ? 'written' : found.origin,
        ),
      );
    },
  });
}
