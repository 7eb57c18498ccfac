import { InputError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import { parseRepoUrl } from '@backstage/plugin-scaffolder-node';

/**
 * The repository a `repoUrl` input names, on a host with a GitHub or GitLab
 * integration: what Canopy's actions that write to Git accept.
 *
 * @public
 */
export type GitRepository = {
  host: string;
  owner: string;
  repo: string;
  provider: 'github' | 'gitlab';
};

/**
 * Reads a `repoUrl` input (`host?owner=…&repo=…`): refuses, naming the field,
 * a host without a GitHub or GitLab integration and a URL without owner or
 * repository.
 *
 * @public
 */
export function gitRepository(
  repoUrl: string,
  integrations: ScmIntegrationRegistry,
): GitRepository {
  const { host, owner, repo } = parseRepoUrl(repoUrl, integrations);
  const type = integrations.byHost(host)?.type;
  if (type !== 'github' && type !== 'gitlab') {
    throw new InputError(
      `repoUrl: no GitHub or GitLab integration is configured for host ${host}`,
    );
  }
  if (!owner || !repo) throw new InputError('repoUrl: needs owner and repo');
  return { host, owner, repo, provider: type };
}
