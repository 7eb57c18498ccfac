import { createHash } from 'node:crypto';

/** Git's blob id of some content, as `git hash-object` computes it. */
export function gitBlobSha(content: Buffer): string {
  return createHash('sha1')
    .update(`blob ${content.length}\0`)
    .update(content)
    .digest('hex');
}

export interface PullRequestRequest {
  /** Files to commit: repository path -> content. */
  files: Record<string, Buffer>;
  branch: string;
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

export interface PullRequestProvider {
  open(request: PullRequestRequest): Promise<PullRequestResult>;
}
