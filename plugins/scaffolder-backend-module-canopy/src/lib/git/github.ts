import { Octokit } from '@octokit/rest';
import { assertOwnBranch, gitBlobSha, marked } from './types';
import type {
  PullRequestProvider,
  PullRequestRequest,
  PullRequestResult,
} from './types';

/**
 * Opens or updates a GitHub pull request through the REST API (Git Data API
 * for the commit, so no clone is needed). Idempotent: the same branch and PR
 * are reused, and an unchanged tree makes no commit.
 *
 * @public
 */
export class GithubPullRequests implements PullRequestProvider {
  constructor(
    private readonly octokit: Octokit,
    private readonly owner: string,
    private readonly repo: string,
  ) {}

  private async refSha(branch: string): Promise<string | undefined> {
    try {
      const { data } = await this.octokit.git.getRef({
        owner: this.owner,
        repo: this.repo,
        ref: `heads/${branch}`,
      });
      return data.object.sha;
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw error;
    }
  }

  async open(request: PullRequestRequest): Promise<PullRequestResult> {
    // Its commits and body say which task opened it (see assertOwnBranch).
    const req = marked(request);
    const { owner, repo } = this;
    const git = this.octokit.git;
    const targetBranch =
      req.targetBranch ??
      (await this.octokit.repos.get({ owner, repo })).data.default_branch;
    const baseSha = await this.refSha(targetBranch);
    if (!baseSha)
      throw new Error(
        `target branch ${targetBranch} does not exist in ${owner}/${repo}`,
      );
    const baseCommit = (
      await git.getCommit({ owner, repo, commit_sha: baseSha })
    ).data;
    const branchSha = await this.refSha(req.branch);
    const openPrs = async () =>
      (
        await this.octokit.pulls.list({
          owner,
          repo,
          head: `${owner}:${req.branch}`,
          base: targetBranch,
          state: 'open',
        })
      ).data;

    // Skip the commit when the branch already holds exactly these files.
    let unchanged = false;
    if (branchSha) {
      const head = (await git.getCommit({ owner, repo, commit_sha: branchSha }))
        .data;
      // Nothing is written to a branch another task (or a person) made.
      assertOwnBranch({
        taskId: req.taskId,
        branch: req.branch,
        repository: `${owner}/${repo}`,
        headMessage: head.message,
        headSha: branchSha,
        targetSha: baseSha,
        openBody: (await openPrs())[0]?.body ?? undefined,
      });
      const tree = (
        await git.getTree({
          owner,
          repo,
          tree_sha: head.tree.sha,
          recursive: 'true',
        })
      ).data.tree;
      const shas = new Map(tree.map(e => [e.path, e.sha]));
      unchanged = Object.entries(req.files).every(
        ([p, c]) => shas.get(p) === gitBlobSha(c),
      );
    }
    let commit: string | undefined;
    if (!unchanged) {
      const entries = [];
      for (const [path, content] of Object.entries(req.files).sort(([a], [b]) =>
        a.localeCompare(b),
      )) {
        const blob = await git.createBlob({
          owner,
          repo,
          content: content.toString('base64'),
          encoding: 'base64',
        });
        entries.push({
          path,
          mode: '100644' as const,
          type: 'blob' as const,
          sha: blob.data.sha,
        });
      }
      const tree = await git.createTree({
        owner,
        repo,
        base_tree: baseCommit.tree.sha,
        tree: entries,
      });
      const created = await git.createCommit({
        owner,
        repo,
        message: req.commitMessage,
        tree: tree.data.sha,
        parents: [branchSha ?? baseSha],
        author: req.author,
      });
      commit = created.data.sha;
      if (branchSha) {
        await git.updateRef({
          owner,
          repo,
          ref: `heads/${req.branch}`,
          sha: commit,
          force: false,
        });
      } else {
        await git.createRef({
          owner,
          repo,
          ref: `refs/heads/${req.branch}`,
          sha: commit,
        });
      }
    }

    let pr = (await openPrs())[0];
    let createdPr = false;
    if (pr) {
      pr = (
        await this.octokit.pulls.update({
          owner,
          repo,
          pull_number: pr.number,
          title: req.title,
          body: req.body,
        })
      ).data as typeof pr;
    } else {
      pr = (
        await this.octokit.pulls.create({
          owner,
          repo,
          head: req.branch,
          base: targetBranch,
          title: req.title,
          body: req.body,
          draft: req.draft,
        })
      ).data as typeof pr;
      createdPr = true;
    }
    if (req.labels.length) {
      await this.octokit.issues.addLabels({
        owner,
        repo,
        issue_number: pr.number,
        labels: req.labels,
      });
    }
    const teams = req.reviewers
      .filter(r => r.startsWith('team:'))
      .map(r => r.slice(5));
    const users = req.reviewers.filter(r => !r.startsWith('team:'));
    if (teams.length || users.length) {
      await this.octokit.pulls.requestReviewers({
        owner,
        repo,
        pull_number: pr.number,
        reviewers: users,
        team_reviewers: teams,
      });
    }
    return {
      url: pr.html_url,
      number: pr.number,
      branch: req.branch,
      targetBranch,
      created: createdPr,
      commit,
    };
  }
}
