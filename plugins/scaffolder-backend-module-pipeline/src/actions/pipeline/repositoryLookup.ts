/**
 * Read-only questions to the repository's API: its default branch, and
 * a file's content on a branch (or that it has none). GitHub through Octokit
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
  /**
   * The file's text on the branch; undefined when there is no such path,
   * '' when the path is something else than a file (a folder, say).
   */
  fileContent(path: string, ref: string): Promise<string | undefined>;
  /** The names of the folders right below a folder on the branch ([] when none). */
  folders(path: string, ref: string): Promise<string[]>;
}

/** The text of a contents answer (GitHub or GitLab): base64 or as is. */
function decode(data: { content?: unknown; encoding?: unknown }): string {
  if (typeof data.content !== 'string') return '';
  return data.encoding === 'base64'
    ? Buffer.from(data.content, 'base64').toString('utf8')
    : data.content;
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
    /** A contents answer (a file, or a folder's entries); undefined on 404. */
    const contents = async (path: string, ref: string) => {
      try {
        return (await octokit.repos.getContent({ owner, repo, path, ref }))
          .data;
      } catch (error) {
        if (status(error) === 404) return undefined;
        throw error;
      }
    };
    return {
      async defaultBranch() {
        return (await octokit.repos.get({ owner, repo })).data.default_branch;
      },
      async fileContent(path, ref) {
        const data = await contents(path, ref);
        if (data === undefined) return undefined;
        // A folder lists its entries; a file larger than 1 MB comes
        // without content: neither is Canopy's pipeline.
        return Array.isArray(data) || data.type !== 'file'
          ? ''
          : decode(data as { content?: unknown; encoding?: unknown });
      },
      async folders(path, ref) {
        const data = await contents(path, ref);
        return Array.isArray(data)
          ? data.filter(e => e.type === 'dir').map(e => e.name)
          : [];
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
    async fileContent(path, ref) {
      try {
        return decode(await api.RepositoryFiles.show(project, path, ref));
      } catch (error) {
        if (status(error) === 404) return undefined;
        throw error;
      }
    },
    async folders(path, ref) {
      try {
        const entries = await api.Repositories.allRepositoryTrees(project, {
          path,
          ref,
        });
        return entries.filter(e => e.type === 'tree').map(e => e.name);
      } catch (error) {
        if (status(error) === 404) return [];
        throw error;
      }
    },
  };
}
