/**
 * Read-only questions to the repository's API: its default branch, and
 * whether a file exists on a branch. GitHub through Octokit
 * (`repos.get`, `repos.getContent`), GitLab through gitbeaker
 * (`Projects.show`, `RepositoryFiles.show`).
 */
import { InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { Gitlab } from '@gitbeaker/rest';
import { Octokit } from '@octokit/rest';
import type { PipelineProvider } from './pipelineSettings';

/** What the pipeline action asks the repository. */
export interface RepositoryLookup {
  defaultBranch(): Promise<string>;
  fileExists(path: string, ref: string): Promise<boolean>;
}

function status(error: unknown): number | undefined {
  const e = error as {
    status?: number;
    cause?: { response?: { status?: number } };
  };
  return e.status ?? e.cause?.response?.status;
}

/** The lookup for a repository, with the integration's token or the user's own. */
export async function repositoryLookup(options: {
  integrations: ScmIntegrationRegistry;
  provider: PipelineProvider;
  host: string;
  owner: string;
  repo: string;
  token?: string;
}): Promise<RepositoryLookup> {
  const { integrations, provider, host, owner, repo } = options;
  if (provider === 'github') {
    const token =
      options.token ??
      (
        await DefaultGithubCredentialsProvider.fromIntegrations(
          integrations,
        ).getCredentials({ url: `https://${host}/${owner}/${repo}` })
      ).token;
    if (!token)
      throw new InputError(
        `No token for ${host}: configure integrations.github or pass the user's token`,
      );
    const octokit = new Octokit({
      auth: token,
      baseUrl:
        integrations.github.byHost(host)?.config.apiBaseUrl ??
        'https://api.github.com',
    });
    return {
      async defaultBranch() {
        return (await octokit.repos.get({ owner, repo })).data.default_branch;
      },
      async fileExists(path, ref) {
        try {
          await octokit.repos.getContent({ owner, repo, path, ref });
          return true;
        } catch (error) {
          if (status(error) === 404) return false;
          throw error;
        }
      },
    };
  }
  const config = integrations.gitlab.byHost(host)!.config;
  const token = options.token ?? config.token;
  if (!token)
    throw new InputError(
      `No token for ${host}: configure integrations.gitlab or pass the user's token`,
    );
  const api = new Gitlab({
    host: config.baseUrl,
    ...(options.token ? { oauthToken: token } : { token }),
  });
  const project = `${owner}/${repo}`;
  return {
    async defaultBranch() {
      return String((await api.Projects.show(project)).default_branch);
    },
    async fileExists(path, ref) {
      try {
        await api.RepositoryFiles.show(project, path, ref);
        return true;
      } catch (error) {
        if (status(error) === 404) return false;
        throw error;
      }
    },
  };
}
