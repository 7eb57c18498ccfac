import type { Gitlab } from '@gitbeaker/rest';
import {
  gitBlobSha,
  PullRequestProvider,
  PullRequestRequest,
  PullRequestResult,
} from './types';

type GitlabClient = InstanceType<typeof Gitlab>;

/**
 * Opens or updates a GitLab merge request through the REST API (Commits API,
 * so no clone is needed). Idempotent: an existing branch and open MR are
 * reused instead of failing, and an unchanged tree makes no commit.
 */
export class GitlabMergeRequests implements PullRequestProvider {
  constructor(
    private readonly api: GitlabClient,
    private readonly project: string,
  ) {}

  private async branchExists(branch: string) {
    try {
      await this.api.Branches.show(this.project, branch);
      return true;
    } catch (error) {
      if (
        (error as { cause?: { response?: { status?: number } } }).cause
          ?.response?.status === 404
      )
        return false;
      throw error;
    }
  }

  async open(req: PullRequestRequest): Promise<PullRequestResult> {
    const project = await this.api.Projects.show(this.project);
    const targetBranch = req.targetBranch ?? String(project.default_branch);
    const exists = await this.branchExists(req.branch);
    if (!exists) {
      await this.api.Branches.create(this.project, req.branch, targetBranch);
    }
    const tree = await this.api.Repositories.allRepositoryTrees(this.project, {
      ref: req.branch,
      recursive: true,
    });
    const shas = new Map(
      tree.filter(e => e.type === 'blob').map(e => [e.path, e.id]),
    );
    const actions = Object.entries(req.files)
      .sort(([a], [b]) => a.localeCompare(b))
      .filter(([p, c]) => shas.get(p) !== gitBlobSha(c))
      .map(([filePath, content]) => ({
        action: shas.has(filePath) ? ('update' as const) : ('create' as const),
        filePath,
        content: content.toString('base64'),
        encoding: 'base64' as const,
      }));
    let commit: string | undefined;
    if (actions.length) {
      const created = await this.api.Commits.create(
        this.project,
        req.branch,
        req.commitMessage,
        actions,
        {
          authorName: req.author.name,
          authorEmail: req.author.email,
        },
      );
      commit = String(created.id);
    }

    const reviewerIds: number[] = [];
    for (const username of req.reviewers.filter(r => !r.startsWith('team:'))) {
      const [user] = await this.api.Users.all({ username });
      if (user) reviewerIds.push(Number(user.id));
    }
    const title = req.draft ? `Draft: ${req.title}` : req.title;
    const [existing] = await this.api.MergeRequests.all({
      projectId: this.project,
      sourceBranch: req.branch,
      targetBranch,
      state: 'opened',
    });
    let mr;
    if (existing) {
      mr = await this.api.MergeRequests.edit(this.project, existing.iid, {
        title,
        description: req.body,
        ...(req.labels.length ? { addLabels: req.labels.join(',') } : {}),
        ...(reviewerIds.length ? { reviewerIds } : {}),
      });
    } else {
      mr = await this.api.MergeRequests.create(
        this.project,
        req.branch,
        targetBranch,
        title,
        {
          description: req.body,
          ...(req.labels.length ? { labels: req.labels.join(',') } : {}),
          ...(reviewerIds.length ? { reviewerIds } : {}),
          removeSourceBranch: true,
        },
      );
    }
    return {
      url: String(mr.web_url),
      number: Number(mr.iid),
      branch: req.branch,
      targetBranch,
      created: !existing,
      commit,
    };
  }
}
