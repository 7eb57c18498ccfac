import { CANOPY_GITHUB_WORKFLOW_PATH } from '@canopy-idp/plugin-delivery-common';
import type {
  DeliveryObservation,
  DeliveryStageObserver,
} from '@canopy-idp/plugin-delivery-node';
import type { StoredRequest } from '../store/types';
import { apiFailure, projectPath, type ScmClients } from './ScmClients';

/** The workflow `canopy:pipeline:terraform` writes into GitHub repositories. */
export const CANOPY_WORKFLOW_PATH = CANOPY_GITHUB_WORKFLOW_PATH;

const short = (sha: string) => sha.slice(0, 7);

/**
 * The `pipeline` stage: the apply pipeline that runs on the merge commit —
 * the run of Canopy's GitHub Actions workflow (no other workflow counts) or
 * the GitLab pipeline — and its result. A run cancelled because a later
 * merge's run superseded it (the apply job's concurrency group) counts as
 * that later run.
 */
export class PipelineObserver implements DeliveryStageObserver {
  readonly stage = 'pipeline' as const;
  readonly system = 'The CI system';

  constructor(private readonly scm: ScmClients) {}

  async observe(request: StoredRequest): Promise<DeliveryObservation> {
    const sha = request.facts.mergeCommitSha;
    if (!sha) {
      return {
        state: 'pending',
        message: 'The merge commit is not known yet',
      };
    }
    return request.pullRequest.provider === 'github'
      ? this.github(request, sha)
      : this.gitlab(request, sha);
  }

  private async github(
    request: StoredRequest,
    sha: string,
  ): Promise<DeliveryObservation> {
    const pr = request.pullRequest;
    let runs;
    try {
      const octokit = await this.scm.github(pr);
      runs = (
        await octokit.actions.listWorkflowRunsForRepo({
          owner: pr.owner,
          repo: pr.repo,
          head_sha: sha,
          event: 'push',
          per_page: 50,
        })
      ).data.workflow_runs;
    } catch (error) {
      throw apiFailure('GitHub Actions', error);
    }
    const run = runs.find(r => r.path === CANOPY_WORKFLOW_PATH);
    if (!run) {
      return {
        state: 'pending',
        message: `Waiting for the apply workflow to start on ${short(sha)}`,
      };
    }
    const links = [
      { title: `Workflow run: ${run.name ?? run.id}`, url: run.html_url },
    ];
    if (run.status !== 'completed') {
      return {
        state: 'running',
        message: `${run.name ?? 'Workflow'} ${
          run.status ?? 'queued'
        } on ${short(sha)}`,
        links,
      };
    }
    if (run.conclusion === 'cancelled') {
      const later = await this.laterRun(request, run.created_at);
      if (later && later.status !== 'completed') {
        return {
          state: 'running',
          message: `The run on ${short(sha)} was superseded; the run on ${short(
            later.head_sha,
          )} is ${later.status}`,
          links: [
            {
              title: `Workflow run: ${later.name ?? later.id}`,
              url: later.html_url,
            },
          ],
        };
      }
      if (later && ['success', 'neutral'].includes(later.conclusion ?? '')) {
        return {
          state: 'succeeded',
          message: `Applied by the run on ${short(
            later.head_sha,
          )} (the run on ${short(sha)} was superseded)`,
          links: [
            {
              title: `Workflow run: ${later.name ?? later.id}`,
              url: later.html_url,
            },
          ],
        };
      }
    }
    // A skipped run applied nothing: not a success (as on GitLab).
    if (['success', 'neutral'].includes(run.conclusion ?? '')) {
      return {
        state: 'succeeded',
        message: `${run.name ?? 'Workflow'} succeeded on ${short(sha)}`,
        links,
      };
    }
    return {
      state: 'failed',
      message: `${run.name ?? 'Workflow'} concluded ${
        run.conclusion
      } on ${short(sha)}: see the run's log`,
      links,
    };
  }

  /** The newest push run of Canopy's workflow on the target branch created after `after`. */
  private async laterRun(request: StoredRequest, after: string) {
    const pr = request.pullRequest;
    try {
      const octokit = await this.scm.github(pr);
      const { data } = await octokit.actions.listWorkflowRunsForRepo({
        owner: pr.owner,
        repo: pr.repo,
        event: 'push',
        branch: request.facts.targetBranch,
        per_page: 50,
      });
      return data.workflow_runs
        .filter(r => r.path === CANOPY_WORKFLOW_PATH && r.created_at > after)
        .sort((a, b) => b.created_at.localeCompare(a.created_at))[0];
    } catch (error) {
      throw apiFailure('GitHub Actions', error);
    }
  }

  private async gitlab(
    request: StoredRequest,
    sha: string,
  ): Promise<DeliveryObservation> {
    const pr = request.pullRequest;
    let pipelines: Array<{
      id: number;
      status: string;
      web_url: string;
      source?: string;
    }>;
    try {
      const gitlab = this.scm.gitlab(pr);
      pipelines = (await gitlab.Pipelines.all(projectPath(pr), {
        sha,
        perPage: 50,
        maxPages: 1,
      })) as unknown as typeof pipelines;
    } catch (error) {
      throw apiFailure('GitLab CI', error);
    }
    const pipeline = [...pipelines]
      .filter(p => p.source !== 'merge_request_event')
      .sort((a, b) => b.id - a.id)[0];
    if (!pipeline) {
      return {
        state: 'pending',
        message: `Waiting for the apply pipeline to start on ${short(sha)}`,
      };
    }
    const links = [
      { title: `Pipeline #${pipeline.id}`, url: pipeline.web_url },
    ];
    if (pipeline.status === 'success') {
      return {
        state: 'succeeded',
        message: `Pipeline #${pipeline.id} succeeded on ${short(sha)}`,
        links,
      };
    }
    if (['failed', 'canceled', 'skipped'].includes(pipeline.status)) {
      return {
        state: 'failed',
        message: `Pipeline #${pipeline.id} ${pipeline.status} on ${short(
          sha,
        )}: see its jobs`,
        links,
      };
    }
    return {
      state: 'running',
      message: `Pipeline #${pipeline.id} ${pipeline.status} on ${short(sha)}`,
      links,
    };
  }
}
