import { randomBytes } from 'node:crypto';
import type { PullRequestRequest } from '../lib/git/types';

/**
 * A one-file change as `canopy:publish:pull-request` opens it for a task, to
 * open with {@link GithubPullRequests} or {@link GitlabMergeRequests}: on a
 * fresh branch, `title` also its body, commit message and task, unless
 * `overrides` say otherwise.
 *
 * @public
 */
export function aPullRequestRequest(
  title: string,
  overrides: Partial<PullRequestRequest> = {},
): PullRequestRequest {
  const branch = overrides.branch ?? `canopy/${randomBytes(4).toString('hex')}`;
  return {
    files: { [`${branch}/main.tf`]: Buffer.from(`# ${title}\n`) },
    branch,
    taskId: title,
    title,
    body: title,
    commitMessage: title,
    author: { name: 'Canopy', email: 'canopy@example.invalid' },
    labels: [],
    reviewers: [],
    draft: false,
    ...overrides,
  };
}
