import {
  resolveSafeChildPath,
  type AuthService,
  type DiscoveryService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  branchName,
  gitRepository,
  listFiles,
  ownedRepository,
  relativePath,
} from '@canopy-idp/plugin-scaffolder-node';
import type { PullRequestRequest } from '../../lib/git/types';
import {
  pullRequestBody,
  refuseSecrets,
  reviewersFromOwner,
  slug,
  taskSuffix,
} from '../../lib/git/pullRequestContent';
import { pullRequestClient } from '../../lib/git/pullRequestClient';
import { examples } from './createPullRequestAction.examples';

/**
 * `canopy:publish:pull-request`: opens a pull request (GitHub) or merge request
 * (GitLab, chosen by the repository's integration) with the workspace's files
 * on a branch of its own task (`canopy/<title>-<task id>`). Running again, or
 * a recovered task, updates the same branch and pull request instead of
 * failing or duplicating; a branch another task opened is never written (its
 * commits carry a `Canopy-Task:` trailer and its body a task comment). With
 * the portal's integration token (no `token` input) it writes only to a
 * repository the user's teams own, as the delivery backend's
 * `delivery.tenancy.repositories` says (asked on behalf of the user); with the
 * user's own token the Git host decides. Dry-run makes no remote call and
 * outputs what would be opened.
 *
 * @public
 */
export function createPullRequestAction(options: {
  integrations: ScmIntegrationRegistry;
  config: Config;
  /** To ask the delivery backend whether the user's teams own the repository. */
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  const { integrations, config } = options;
  const github =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  const defaultAuthor = {
    name: config.getOptionalString('scaffolder.defaultAuthor.name') ?? 'Canopy',
    email:
      config.getOptionalString('scaffolder.defaultAuthor.email') ??
      'canopy@example.invalid',
  };

  return createTemplateAction({
    id: 'canopy:publish:pull-request',
    description:
      'Opens or updates a GitHub pull request or GitLab merge request with the workspace files on a branch of its own task, with the resource summary and validation report in its body.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z =>
          z
            .string()
            .describe(
              'Repository, as the RepoUrlPicker gives it: host?owner=...&repo=...',
            ),
        title: z => z.string().min(1).max(255).describe('Pull request title'),
        description: z =>
          z
            .string()
            .max(60000)
            .optional()
            .describe('Pull request description (markdown)'),
        branchName: () =>
          branchName('branchName')
            .optional()
            .describe(
              'Branch; default canopy/<title>-<task id>, one per task. A run writes only to a branch its own task opened',
            ),
        targetBranch: () => branchName('targetBranch').optional(),
        sourcePath: () =>
          relativePath('sourcePath', { root: true })
            .default('.')
            .describe('Workspace folder to commit'),
        targetPath: () =>
          relativePath('targetPath', { root: true })
            .default('.')
            .describe('Repository folder the files go to'),
        commitMessage: z => z.string().min(1).max(5000).optional(),
        labels: z => z.array(z.string().min(1).max(50)).max(20).default([]),
        reviewers: z =>
          z
            .array(z.string().min(1).max(100))
            .max(20)
            .default([])
            .describe('Logins; team:<slug> for GitHub teams'),
        owner: z =>
          z
            .string()
            .optional()
            .describe(
              'Owner entity; its group becomes team reviewer, a user a reviewer',
            ),
        draft: z => z.boolean().default(false),
        token: z =>
          z
            .string()
            .optional()
            .describe("The user's own SCM token (from the template's secrets)"),
        resources: z =>
          z
            .array(
              z.object({
                type: z.string().optional(),
                apiVersion: z.string().optional(),
                kind: z.string().optional(),
                name: z.string(),
                count: z.string().optional(),
              }),
            )
            .default([])
            .describe(
              'Resource summary for the body, e.g. the resources output of canopy:terraform:* actions',
            ),
        validationReport: z =>
          z.string().optional().describe('Markdown report of canopy:validate'),
      },
      output: {
        remoteUrl: z =>
          z
            .string()
            .optional()
            .describe('Pull / merge request URL (absent in dry-run)'),
        pullRequestNumber: z => z.number().optional(),
        branchName: z => z.string(),
        targetBranch: z => z.string().optional(),
        created: z =>
          z
            .boolean()
            .optional()
            .describe('Whether this run opened it (false: updated)'),
        provider: z => z.enum(['github', 'gitlab']),
        files: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      const { host, owner, repo, provider } = gitRepository(
        ctx.input.repoUrl,
        integrations,
      );
      const taskId = ctx.task.id;
      const branch =
        ctx.input.branchName ??
        `canopy/${slug(ctx.input.title)}-${taskSuffix(taskId)}`;

      const source = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.',
      );
      const names = await listFiles(source);
      const files: Record<string, Buffer> = {};
      for (const name of names) {
        files[
          path.posix
            .join(ctx.input.targetPath ?? '.', name)
            .replace(/^\.\//, '')
        ] = await readFile(path.join(source, name));
      }
      if (!names.length)
        throw new InputError(
          `sourcePath: ${ctx.input.sourcePath} holds no files to commit`,
        );

      const body = pullRequestBody(ctx.input, ctx.templateInfo?.entityRef);
      // No secret may reach a file or the pull request body.
      refuseSecrets(
        [ctx.input.token, ...Object.values(ctx.secrets ?? {})],
        body,
        files,
      );

      const request: PullRequestRequest = {
        files,
        branch,
        targetBranch: ctx.input.targetBranch,
        title: ctx.input.title,
        body,
        commitMessage: ctx.input.commitMessage ?? ctx.input.title,
        taskId,
        author: defaultAuthor,
        labels: ctx.input.labels ?? [],
        reviewers: [
          ...new Set([
            ...(ctx.input.reviewers ?? []),
            ...reviewersFromOwner(ctx.input.owner),
          ]),
        ],
        draft: ctx.input.draft ?? false,
      };
      ctx.output('branchName', branch);
      ctx.output('provider', provider);
      ctx.output('files', Object.keys(files).sort());
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would open a ${provider} pull request '${request.title}' from ${branch} with ${names.length} file(s); no remote call made`,
        );
        return;
      }

      await ownedRepository(options, ctx, {
        host,
        owner,
        repo,
        token: ctx.input.token,
      });

      const client = await pullRequestClient({
        integrations,
        github,
        provider,
        host,
        owner,
        repo,
        userToken: ctx.input.token,
      });
      const result = await ctx.checkpoint({
        key: `canopy.pull-request.${provider}.${host}.${owner}.${repo}.${branch}`,
        fn: async () => ({ ...(await client.open(request)) }),
      });
      ctx.logger.info(`${result.created ? 'Opened' : 'Updated'} ${result.url}`);
      ctx.output('remoteUrl', result.url);
      ctx.output('pullRequestNumber', result.number);
      ctx.output('targetBranch', result.targetBranch);
      ctx.output('created', result.created);
    },
  });
}
