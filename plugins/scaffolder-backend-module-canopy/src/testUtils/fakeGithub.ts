/**
 * Stands in for the GitHub REST API (api.github.com / GitHub Enterprise
 * /api/v3) on 127.0.0.1, for the calls Canopy makes:
 * - the pull-request action: repos.get, git refs/commits/trees/blobs, pulls
 *   list/create/update, issues.addLabels and pulls.requestReviewers;
 * - the pipeline action: repos.getContent (`GET /repos/{o}/{r}/contents/{path}?ref=`);
 * - delivery tracking: pulls.get (`GET /repos/{o}/{r}/pulls/{n}`),
 *   checks.listForRef (`GET /repos/{o}/{r}/commits/{ref}/check-runs`) and
 *   actions.listWorkflowRunsForRepo (`GET /repos/{o}/{r}/actions/runs`).
 * Objects live in a real bare git repository, so a test can check out the
 * pull request's branch, and `merge` makes a real merge commit. A test drives
 * what GitHub would do on its own with `merge`, `close`, `addCheckRun`,
 * `addWorkflowRun` and `updateWorkflowRun`. Request and response shapes
 * follow GitHub's REST documentation for those endpoints.
 */
import express from 'express';
import { Octokit } from '@octokit/rest';
import { GithubPullRequests } from '../lib/git/github';
import type { PullRequestRequest } from '../lib/git/types';
import { githubGitDataRoutes } from './fakeGithubGitData';
import {
  githubPullRoutes,
  type FakeCheckRun,
  type FakePull,
  type FakeWorkflowRun,
} from './fakeGithubPulls';
import { LoopbackGitHost, mergeBranches } from './loopbackGitHost';
import { aPullRequestRequest } from './pullRequestRequest';

/**
 * A loopback GitHub REST API for one repository (contents, Git data, pulls, check runs, workflow runs), with test controls.
 *
 * @public
 */
export class FakeGithub extends LoopbackGitHost {
  readonly pulls: FakePull[] = [];
  readonly checkRuns: FakeCheckRun[] = [];
  readonly workflowRuns: FakeWorkflowRun[] = [];
  private nextId = 1;

  constructor(readonly owner: string, readonly name: string, token: string) {
    super(token);
  }

  get repositoryPath() {
    return `${this.owner}/${this.name}`;
  }

  get apiBaseUrl() {
    return `${this.url}/api/v3`;
  }

  /** An `integrations.github` entry for this server, with its token or another. */
  integration(token = this.token) {
    return { host: this.host, apiBaseUrl: this.apiBaseUrl, token };
  }

  /**
   * Opens {@link aPullRequestRequest}(`title`, `overrides`) here with the
   * client `canopy:publish:pull-request` opens pull requests with.
   */
  openPullRequest(title: string, overrides: Partial<PullRequestRequest> = {}) {
    return new GithubPullRequests(
      new Octokit({ auth: this.token, baseUrl: this.apiBaseUrl }),
      this.owner,
      this.name,
    ).open(aPullRequestRequest(title, overrides));
  }

  private get webUrl() {
    return `${this.url}/${this.repositoryPath}`;
  }

  private pullOrThrow(number: number) {
    const p = this.pulls.find(x => x.number === number);
    if (!p) throw new Error(`no pull request #${number}`);
    return p;
  }

  /**
   * Merges an open pull request as GitHub's merge button does: a real merge
   * commit of the head branch onto the base branch. Returns its sha.
   */
  merge(number: number): string {
    const p = this.pullOrThrow(number);
    if (p.state !== 'open')
      throw new Error(`pull request #${number} is ${p.state}`);
    const sha = mergeBranches(
      this.repo,
      p.base,
      p.head,
      `Merge pull request #${number} from ${this.owner}/${p.head}\n\n${p.title}`,
      { name: 'GitHub', email: 'noreply@github.invalid' },
    );
    const now = new Date().toISOString();
    p.state = 'closed';
    p.merged = true;
    p.mergedAt = now;
    p.closedAt = now;
    p.mergeCommitSha = sha;
    return sha;
  }

  /** Closes a pull request without merging it. */
  close(number: number) {
    const p = this.pullOrThrow(number);
    p.state = 'closed';
    p.closedAt = new Date().toISOString();
  }

  /** Adds a check run on a commit, as a CI app would. */
  addCheckRun(
    sha: string,
    run: {
      name: string;
      status: FakeCheckRun['status'];
      conclusion?: string | null;
    },
  ): FakeCheckRun {
    const id = this.nextId++;
    const now = new Date().toISOString();
    const check: FakeCheckRun = {
      id,
      name: run.name,
      head_sha: sha,
      status: run.status,
      conclusion: run.conclusion ?? null,
      html_url: `${this.webUrl}/runs/${id}`,
      started_at: now,
      completed_at: run.status === 'completed' ? now : null,
    };
    this.checkRuns.push(check);
    return check;
  }

  /** Adds a GitHub Actions workflow run, as a push or pull request would start one. */
  addWorkflowRun(run: {
    head_sha: string;
    event: string;
    name: string;
    path: string;
    status: FakeWorkflowRun['status'];
    conclusion?: string | null;
    head_branch?: string;
  }): FakeWorkflowRun {
    const id = this.nextId++;
    const now = new Date().toISOString();
    const created: FakeWorkflowRun = {
      id,
      name: run.name,
      path: run.path,
      head_sha: run.head_sha,
      head_branch: run.head_branch ?? 'main',
      event: run.event,
      status: run.status,
      conclusion: run.conclusion ?? null,
      html_url: `${this.webUrl}/actions/runs/${id}`,
      created_at: now,
      updated_at: now,
    };
    this.workflowRuns.push(created);
    return created;
  }

  /** Moves a workflow run on, e.g. to `completed` with conclusion `success`. */
  updateWorkflowRun(
    id: number,
    update: { status?: FakeWorkflowRun['status']; conclusion?: string | null },
  ): FakeWorkflowRun {
    const run = this.workflowRuns.find(r => r.id === id);
    if (!run) throw new Error(`no workflow run ${id}`);
    if (update.status !== undefined) run.status = update.status;
    if (update.conclusion !== undefined) run.conclusion = update.conclusion;
    run.updated_at = new Date().toISOString();
    return run;
  }

  async start() {
    const app = express();
    app.use(express.json({ limit: '50mb' }));
    const base = `/api/v3/repos/${this.owner}/${this.name}`;
    app.use((req, res, next) => {
      this.requests.push(`${req.method} ${req.path}`);
      if (
        req.headers.authorization !== `token ${this.token}` &&
        req.headers.authorization !== `Bearer ${this.token}`
      ) {
        res.status(401).json({ message: 'Bad credentials' });
        return;
      }
      next();
    });
    const notFound = (res: express.Response) =>
      res.status(404).json({ message: 'Not Found' });

    app.get(base, (_req, res) => {
      res.json({
        name: this.name,
        full_name: `${this.owner}/${this.name}`,
        default_branch: this.defaultBranch,
        private: true,
      });
    });
    githubGitDataRoutes(app, base, this.repo, notFound);
    githubPullRoutes(app, base, this, notFound);
    app.get(new RegExp(`^${base}/contents/(.+)$`), (req, res) => {
      const file = decodeURIComponent((req.params as any)[0]).replace(
        /\/+$/,
        '',
      );
      const commit = this.repo.resolve(String(req.query.ref ?? 'main'));
      if (!commit) return notFound(res);
      const files = this.repo.readTree(this.repo.commitInfo(commit).tree);
      const entry = files.get(file);
      if (entry) {
        const content = this.repo.readBlob(entry.sha);
        return res.json({
          type: 'file',
          encoding: 'base64',
          size: content.length,
          name: file.split('/').pop(),
          path: file,
          sha: entry.sha,
          content: content.toString('base64'),
        });
      }
      // A folder: its entries, one level deep.
      const children = new Map<string, 'file' | 'dir'>();
      for (const p of files.keys()) {
        if (!p.startsWith(`${file}/`)) continue;
        const rest = p.slice(file.length + 1);
        const name = rest.split('/')[0];
        children.set(name, rest.includes('/') ? 'dir' : 'file');
      }
      if (!children.size) return notFound(res);
      return res.json(
        [...children].map(([name, type]) => ({
          type,
          name,
          path: `${file}/${name}`,
        })),
      );
    });
    app.use((_req, res) => notFound(res));
    await this.listen(app);
  }
}
