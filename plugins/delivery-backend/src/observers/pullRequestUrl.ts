import { InputError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import type { DeliveryPullRequest } from '@canopy-idp/plugin-delivery-common';

/**
 * Reads a GitHub pull request URL (`https://host/owner/repo/pull/12`) or a
 * GitLab merge request URL (`https://host/group/sub/repo/-/merge_requests/3`)
 * of a host the portal has an integration for.
 */
export function parsePullRequestUrl(
  url: string,
  integrations: ScmIntegrationRegistry,
): DeliveryPullRequest {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(
      `pullRequestUrl: '${url}' is not a URL (rule: a pull or merge request URL of a configured GitHub or GitLab integration)`,
    );
  }
  // owner, repository and number, as the URL's path gives them
  const found = (
    provider: DeliveryPullRequest['provider'],
    m: RegExpMatchArray,
  ): DeliveryPullRequest => ({
    url,
    provider,
    host: parsed.host,
    owner: decodeURIComponent(m[1]),
    repo: decodeURIComponent(m[2]),
    number: Number(m[3]),
  });
  const integration = integrations.byHost(parsed.host);
  if (integration?.type === 'github') {
    const m = parsed.pathname.match(/^\/([^/]+)\/([^/]+)\/pull\/(\d+)\/?$/);
    if (m) return found('github', m);
  }
  if (integration?.type === 'gitlab') {
    const base = new URL(
      integrations.gitlab.byHost(parsed.host)!.config.baseUrl,
    ).pathname.replace(/\/+$/, '');
    const path = parsed.pathname.startsWith(base)
      ? parsed.pathname.slice(base.length)
      : parsed.pathname;
    const m = path.match(/^\/(.+)\/([^/]+)\/-\/merge_requests\/(\d+)\/?$/);
    if (m) return found('gitlab', m);
  }
  throw new InputError(
    `pullRequestUrl: '${url}' is not a pull or merge request of a configured GitHub or GitLab integration (host ${
      parsed.host
    }: ${integration ? integration.type : 'no integration'})`,
  );
}
