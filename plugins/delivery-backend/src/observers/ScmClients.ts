import {
  DefaultGithubCredentialsProvider,
  type ScmIntegrationRegistry,
} from '@backstage/integration';
import { Gitlab } from '@gitbeaker/rest';
import { Octokit } from '@octokit/rest';
import type { DeliveryPullRequest } from '@canopy-idp/plugin-delivery-common';
import { DeliveryObservationError } from '@canopy-idp/plugin-delivery-node';

/** GitHub and GitLab API clients with the portal's integration credentials. */
export class ScmClients {
  private readonly githubCredentials: DefaultGithubCredentialsProvider;

  constructor(private readonly integrations: ScmIntegrationRegistry) {
    this.githubCredentials =
      DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  }

  async github(pr: DeliveryPullRequest): Promise<Octokit> {
    const integration = this.integrations.github.byHost(pr.host);
    if (!integration) {
      throw new DeliveryObservationError(
        `no GitHub integration is configured for ${pr.host}`,
      );
    }
    const { token } = await this.githubCredentials.getCredentials({
      url: `https://${pr.host}/${pr.owner}/${pr.repo}`,
    });
    return new Octokit({
      auth: token,
      baseUrl: integration.config.apiBaseUrl ?? 'https://api.github.com',
      request: { timeout: 15_000 },
    });
  }

  gitlab(pr: DeliveryPullRequest): InstanceType<typeof Gitlab> {
    const integration = this.integrations.gitlab.byHost(pr.host);
    if (!integration?.config.token) {
      throw new DeliveryObservationError(
        `no GitLab integration with a token is configured for ${pr.host}`,
      );
    }
    return new Gitlab({
      host: integration.config.baseUrl,
      token: integration.config.token,
      queryTimeout: 15_000,
    });
  }
}

/** `acme/infrastructure`: the GitLab project path. */
export const projectPath = (pr: DeliveryPullRequest) =>
  `${pr.owner}/${pr.repo}`;

/** A short, safe message from a failed API call (never headers or tokens). */
export function apiFailure(
  system: string,
  error: unknown,
): DeliveryObservationError {
  if (error instanceof DeliveryObservationError) return error;
  const e = error as { status?: number; message?: string; cause?: unknown };
  const status =
    e.status ??
    (e.cause as { response?: { status?: number } } | undefined)?.response
      ?.status;
  return new DeliveryObservationError(
    `${system} did not answer${status ? ` (HTTP ${status})` : ''}: ${
      (e.message ?? String(error)).split('\n')[0]
    }`,
  );
}
