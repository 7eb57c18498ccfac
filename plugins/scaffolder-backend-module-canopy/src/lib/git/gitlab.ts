import type { Gitlab } from '@gitbeaker/rest';
import { assertOwnBranch, gitBlobSha, marked } from './types';
import type {
  PullRequestProvider,
  PullRequestRequest,
  PullRequestResult,
} from './types';

/**
 * The gitbeaker client.
 *
 * @public
 */
export type GitlabClient = InstanceType<typeof Gitlab>;

/**
 * Opens or updates a GitLab merge request through the REST API (Commits API,
 * so no clone is needed). Idempotent: an existing branch and open MR are
 * reused instead of failing, and an unchanged tree makes no commit.
 *
 * @public
 */
export class GitlabMergeRequests implements PullRequestProvider {
  constructor(
    private readonly api: GitlabClient,
    private readonly project: string,
  ) {}

  /** The branch's head commit (id and message), or undefined when there is no such branch. */
  private async branchHead(
    branch: string,
  ): Promise<{ id: string; message?: string } | undefined> {
    try {
      const shown = await this.api.Branches.show(this.project, branch);
      const commit = shown.commit as { id: unknown; message?: unknown };
      return {
        id: String(commit.id),
        message:
          typeof commit.message === 'string' ? commit.message : undefined,
      };
    } catch (error) {
      if (
        (error as { cause?: { response?: { status?: number } } }).cause
          ?.response?.status === 404
      )
        return undefined;
      throw error;
    }
  }

  async open(request: PullRequestRequest): Promise<PullRequestResult> {
    // Its commits and body say which task opened it (see assertOwnBranch).
    const req = marked(request);
    const project = await this.api.Projects.show(this.project);
    const targetBranch = req.targetBranch ?? String(project.default_branch);
    const head = await this.branchHead(req.branch);
    if (head) {
      // Nothing is written to a branch another task (or a person) made.
      const target = await this.branchHead(targetBranch);
      const [open] = await this.api.MergeRequests.all({
        projectId: this.project,
        sourceBranch: req.branch,
        targetBranch,
        state: 'opened',
      });
      assertOwnBranch({
        taskId: req.taskId,
        branch: req.branch,
        repository: this.project,
        headMessage: head.message,
        headSha: head.id,
        targetSha: target?.id ?? '',
        openBody:
          typeof open?.description === 'string' ? open.description : undefined,
      });
    } else {
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
