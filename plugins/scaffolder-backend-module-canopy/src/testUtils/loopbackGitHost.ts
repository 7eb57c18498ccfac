import { LoopbackServer } from '@canopy-idp/plugin-delivery-common/testUtils';
import { BareRepo } from './bareRepo';

/**
 * What the loopback GitHub and GitLab share: one repository behind a
 * loopback server, and the names tests and configuration give it.
 *
 * @public
 */
export abstract class LoopbackGitHost extends LoopbackServer {
  readonly repo = new BareRepo();
  /** The default branch the repository API gives (the git repository's is main). */
  defaultBranch = 'main';
  /** @param token - the token the server accepts */
  protected constructor(protected readonly token: string) {
    super();
  }

  /** The repository's path on the host: `owner/name`, or a GitLab project path with its groups. */
  abstract get repositoryPath(): string;

  /** The host, as an integration and a repository URL name it. */
  get host() {
    return `127.0.0.1:${this.port}`;
  }

  /** The repository as a scaffolder `repoUrl` names it (groups as owner). */
  get repoUrl() {
    const at = this.repositoryPath.lastIndexOf('/');
    const owner = this.repositoryPath.slice(0, at);
    return `${this.host}?owner=${owner}&repo=${this.repositoryPath.slice(
      at + 1,
    )}`;
  }

  /** The repository as `delivery.tenancy.repositories` names it. */
  get repository() {
    return `${this.host}/${this.repositoryPath}`;
  }
}

/**
 * Merges branch `source` into branch `target` as a host's merge button does:
 * a real merge commit, which `target` then points at. Returns its sha.
 */
export function mergeBranches(
  repo: BareRepo,
  target: string,
  source: string,
  message: string,
  author: { name: string; email: string },
): string {
  const [targetSha, sourceSha] = [repo.ref(target), repo.ref(source)];
  if (!targetSha || !sourceSha)
    throw new Error(`cannot merge ${source} into ${target}: a branch is gone`);
  const sha = repo.mergeCommit(targetSha, sourceSha, message, author);
  repo.updateRef(target, sha);
  return sha;
}
