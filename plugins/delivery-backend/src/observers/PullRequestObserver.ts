import type {
  DeliveryStageObserver,
  DeliveryObservation,
} from '@canopy-idp/plugin-delivery-node';
import type { StoredRequest } from '../store/types';
import { apiFailure, projectPath, type ScmClients } from './ScmClients';

type Check = { name: string; status: string; conclusion?: string | null };

/** "2 passed, 1 running, 1 failed (plan)". */
export function summarizeChecks(checks: Check[]): string | undefined {
  if (!checks.length) return undefined;
  const failed = checks.filter(c =>
    ['failure', 'timed_out', 'cancelled', 'action_required'].includes(
      c.conclusion ?? '',
    ),
  );
  const passed = checks.filter(c =>
    ['success', 'neutral', 'skipped'].includes(c.conclusion ?? ''),
  );
  const running = checks.length - failed.length - passed.length;
  const parts = [`${passed.length} passed`];
  if (running) parts.push(`${running} running`);
  if (failed.length) {
    parts.push(
      `${failed.length} failed (${failed.map(c => c.name).join(', ')})`,
    );
  }
  return `checks: ${parts.join(', ')}`;
}

/**
 * The `pull-request` stage: open (with its checks) until merged (succeeded,
 * with the merge commit for the pipeline stage) or closed without merging
 * (failed). GitHub pull requests and GitLab merge requests.
 */
export class PullRequestObserver implements DeliveryStageObserver {
  readonly stage = 'pull-request' as const;
  readonly system = 'The Git host';

  constructor(private readonly scm: ScmClients) {}

  observe(request: StoredRequest): Promise<DeliveryObservation> {
    return request.pullRequest.provider === 'github'
      ? this.github(request)
      : this.gitlab(request);
  }

  private async github(request: StoredRequest): Promise<DeliveryObservation> {
    const pr = request.pullRequest;
    const links = [{ title: `Pull request #${pr.number}`, url: pr.url }];
    try {
      const octokit = await this.scm.github(pr);
      const { data } = await octokit.pulls.get({
        owner: pr.owner,
        repo: pr.repo,
        pull_number: pr.number,
      });
      if (data.merged) {
        return {
          state: 'succeeded',
          message: `Merged into ${data.base.ref}`,
          links,
          facts: {
            mergeCommitSha: data.merge_commit_sha ?? undefined,
            mergedAt: data.merged_at ?? undefined,
            targetBranch: data.base.ref,
          },
        };
      }
      if (data.state === 'closed') {
        return { state: 'failed', message: 'Closed without merging', links };
      }
      const checks = await octokit.checks.listForRef({
        owner: pr.owner,
        repo: pr.repo,
        ref: data.head.sha,
      });
      const summary = summarizeChecks(checks.data.check_runs);
      return {
        state: 'running',
        message: `Open, waiting for review and merge${
          summary ? `; ${summary}` : ''
        }`,
        links,
      };
    } catch (error) {
      throw apiFailure('GitHub', error);
    }
  }

  private async gitlab(request: StoredRequest): Promise<DeliveryObservation> {
    const pr = request.pullRequest;
    const links = [{ title: `Merge request !${pr.number}`, url: pr.url }];
    try {
      const gitlab = this.scm.gitlab(pr);
      const mr = (await gitlab.MergeRequests.show(
        projectPath(pr),
        pr.number,
      )) as unknown as {
        state: string;
        merge_commit_sha?: string | null;
        squash_commit_sha?: string | null;
        sha?: string | null;
        merged_at?: string | null;
        target_branch?: string;
        head_pipeline?: { status?: string } | null;
      };
      if (mr.state === 'merged') {
        return {
          state: 'succeeded',
          message: `Merged into ${mr.target_branch ?? 'the target branch'}`,
          links,
          facts: {
            // A fast-forward (or semi-linear) merge makes no merge commit:
            // the source branch's head is then what the target branch points at.
            mergeCommitSha:
              mr.merge_commit_sha ??
              mr.squash_commit_sha ??
              mr.sha ??
              undefined,
            mergedAt: mr.merged_at ?? undefined,
            targetBranch: mr.target_branch,
          },
        };
      }
      // `locked` is GitLab's state while a merge is being made: not closed.
      if (mr.state === 'closed') {
        return { state: 'failed', message: 'Closed without merging', links };
      }
      const pipeline = mr.head_pipeline?.status;
      return {
        state: 'running',
        message: `Open, waiting for review and merge${
          pipeline ? `; merge request pipeline ${pipeline}` : ''
        }`,
        links,
      };
    } catch (error) {
      throw apiFailure('GitLab', error);
    }
  }
}
