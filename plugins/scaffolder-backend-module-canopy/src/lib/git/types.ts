import { ConflictError } from '@backstage/errors';
import { taskMarker } from '@canopy-idp/plugin-delivery-common';
import { createHash } from 'node:crypto';

/** Git's blob id of some content, as `git hash-object` computes it. */
export function gitBlobSha(content: Buffer): string {
  return createHash('sha1')
    .update(`blob ${content.length}\0`)
    .update(content)
    .digest('hex');
}

/** The rule a refused update names. */
export const OWN_BRANCH_RULE =
  'rule: a run updates only the branch and pull request its own task opened';

/**
 * Refuses (a ConflictError) to write to an existing branch this task did not
 * open. The task owns it when its head commit carries the task's trailer, its
 * open pull request the task's comment, or it holds nothing yet (its head is
 * the target's head: a run that stopped after making the branch).
 */
export function assertOwnBranch(options: {
  taskId: string;
  branch: string;
  /** The repository, as the error names it. */
  repository: string;
  headMessage?: string;
  headSha: string;
  targetSha: string;
  openBody?: string;
}): void {
  const marker = taskMarker(options.taskId);
  if (
    options.headSha === options.targetSha ||
    (options.headMessage ?? '').includes(marker.trailer) ||
    (options.openBody ?? '').includes(marker.comment)
  )
    return;
  throw new ConflictError(
    `branchName: branch ${options.branch} of ${options.repository} was not opened by task ${options.taskId}; ${OWN_BRANCH_RULE}. Give another branchName, or leave it out for one of the task's own`,
  );
}

/** The request with the task's marks on its commit message and body. */
export function marked(req: PullRequestRequest): PullRequestRequest {
  const marker = taskMarker(req.taskId);
  return {
    ...req,
    commitMessage: `${req.commitMessage}\n\n${marker.trailer}`,
    body: `${req.body}\n\n${marker.comment}`,
  };
}

/**
 * What a pull or merge request is opened with.
 *
 * @public
 */
export interface PullRequestRequest {
  /** Files to commit: their content by repository path. */
  files: Record<string, Buffer>;
  branch: string;
  /** The scaffolder task making the request: only its own branch is written. */
  taskId: string;
  /** Target branch; the repository's default branch when absent. */
  targetBranch?: string;
  title: string;
  body: string;
  commitMessage: string;
  author: { name: string; email: string };
  labels: string[];
  /** Users (and, on GitHub, teams as `team:<slug>`) asked to review. */
  reviewers: string[];
  draft: boolean;
}

/**
 * The pull or merge request opened or updated.
 *
 * @public
 */
export interface PullRequestResult {
  url: string;
  number: number;
  branch: string;
  targetBranch: string;
  /** Whether this run opened the pull request (false: it updated an open one). */
  created: boolean;
  /** Commit made by this run, or undefined when the branch already had exactly these files. */
  commit?: string;
}

/**
 * Opens or updates one pull or merge request on a Git host.
 *
 * @public
 */
export interface PullRequestProvider {
  open(request: PullRequestRequest): Promise<PullRequestResult>;
}
