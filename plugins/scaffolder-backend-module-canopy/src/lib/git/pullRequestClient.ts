import type {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { InputError } from '@backstage/errors';
import { Gitlab } from '@gitbeaker/rest';
import { Octokit } from '@octokit/rest';
import { GithubPullRequests } from './github';
import { GitlabMergeRequests } from './gitlab';
import type { PullRequestProvider } from './types';

/**
 * The pull (GitHub) or merge (GitLab) request client for a repository, with
 * the user's own token when given, else the portal's integration token.
 */
export async function pullRequestClient(options: {
  integrations: ScmIntegrationRegistry;
  github: GithubCredentialsProvider;
  provider: 'github' | 'gitlab';
  host: string;
  owner: string;
  repo: string;
  userToken?: string;
}): Promise<PullRequestProvider> {
  const { integrations, provider, host, owner, repo, userToken } = options;
  if (provider === 'github') {
    const token =
      userToken ??
      (
        await options.github.getCredentials({
          url: `https://${host}/${owner}/${repo}`,
        })
      ).token;
    if (!token)
      throw new InputError(
        `No token for ${host}: configure integrations.github or pass the user's token`,
      );
    return new GithubPullRequests(
      new Octokit({
        auth: token,
        baseUrl:
          integrations.github.byHost(host)?.config.apiBaseUrl ??
          'https://api.github.com',
      }),
      owner,
      repo,
    );
  }
  const cfg = integrations.gitlab.byHost(host)!.config;
  const token = userToken ?? cfg.token;
  if (!token)
    throw new InputError(
      `No token for ${host}: configure integrations.gitlab or pass the user's token`,
    );
  return new GitlabMergeRequests(
    new Gitlab({
      host: cfg.baseUrl,
      ...(userToken ? { oauthToken: token } : { token }),
    }),
    `${owner}/${repo}`,
  );
}
