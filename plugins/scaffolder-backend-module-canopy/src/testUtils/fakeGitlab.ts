/**
 * Stands in for the GitLab REST API v4 on 127.0.0.1, for the calls Canopy
 * makes:
 * - the merge-request action: projects, branches, repository tree, commits
 *   (with actions), merge requests list/create/edit and users;
 * - the pipeline action: repository files (`GET /projects/:id/repository/files/:file_path?ref=`);
 * - delivery tracking: one merge request (`GET /projects/:id/merge_requests/:iid`)
 *   and pipelines (`GET /projects/:id/pipelines?sha=&ref=&source=`).
 * Objects live in a real bare git repository, so a test can check out the
 * merge request's branch, and `merge` makes a real merge commit. A test
 * drives what GitLab would do on its own with `merge`, `close`,
 * `addPipeline` and `updatePipeline`. Shapes follow GitLab's REST
 * documentation for those endpoints.
 */
import express from 'express';
import { Gitlab } from '@gitbeaker/rest';
import { GitlabMergeRequests } from '../lib/git/gitlab';
import type { PullRequestRequest } from '../lib/git/types';
import {
  gitlabMergeRequestRoutes,
  type FakeMergeRequest,
  type FakePipeline,
} from './fakeGitlabMergeRequests';
import { gitlabRepositoryRoutes } from './fakeGitlabRepository';
import { notFound } from './fakeGitlabResponses';
import { LoopbackGitHost, mergeBranches } from './loopbackGitHost';
import { aPullRequestRequest } from './pullRequestRequest';

/**
 * A loopback GitLab REST API (v4) for one project (repository files and tree, commits, merge requests, pipelines), with test controls.
 *
 * @public
 */
export class FakeGitlab extends LoopbackGitHost {
  readonly mergeRequests: FakeMergeRequest[] = [];
  readonly users = [{ id: 7, username: 'jane', name: 'Jane' }];
  readonly pipelines: FakePipeline[] = [];

  constructor(readonly projectPath: string, token: string) {
    super(token);
  }

  get repositoryPath() {
    return this.projectPath;
  }

  /** An `integrations.gitlab` entry for this server, with its token or another. */
  integration(token = this.token) {
    return {
      host: this.host,
      apiBaseUrl: `${this.url}/api/v4`,
      baseUrl: this.url,
      token,
    };
  }

  /**
   * Opens {@link aPullRequestRequest}(`title`, `overrides`) here with the
   * client `canopy:publish:pull-request` opens merge requests with.
   */
  openPullRequest(title: string, overrides: Partial<PullRequestRequest> = {}) {
    return new GitlabMergeRequests(
      new Gitlab({ host: this.url, token: this.token }),
      this.projectPath,
    ).open(aPullRequestRequest(title, overrides));
  }

  private mrOrThrow(iid: number) {
    const mr = this.mergeRequests.find(m => m.iid === iid);
    if (!mr) throw new Error(`no merge request !${iid}`);
    return mr;
  }

  /**
   * Merges an open merge request with GitLab's default merge method: a real
   * merge commit of the source branch onto the target branch. Returns its sha.
   */
  merge(iid: number): string {
    const mr = this.mrOrThrow(iid);
    if (mr.state !== 'opened')
      throw new Error(`merge request !${iid} is ${mr.state}`);
    const sha = mergeBranches(
      this.repo,
      mr.targetBranch,
      mr.sourceBranch,
      `Merge branch '${mr.sourceBranch}' into '${mr.targetBranch}'\n\n${mr.title}\n\nSee merge request ${this.projectPath}!${iid}`,
      { name: 'GitLab', email: 'gitlab@example.invalid' },
    );
    mr.state = 'merged';
    mr.mergedAt = new Date().toISOString();
    mr.mergeCommitSha = sha;
    return sha;
  }

  /** Closes a merge request without merging it. */
  close(iid: number) {
    const mr = this.mrOrThrow(iid);
    mr.state = 'closed';
    mr.closedAt = new Date().toISOString();
  }

  /** Adds a pipeline, as a push or a merge request event would start one. */
  addPipeline(pipeline: {
    sha: string;
    ref: string;
    status: FakePipeline['status'];
    source: string;
  }): FakePipeline {
    const id = 5000 + this.pipelines.length + 1;
    const now = new Date().toISOString();
    const created: FakePipeline = {
      id,
      iid: this.pipelines.length + 1,
      project_id: 1,
      status: pipeline.status,
      source: pipeline.source,
      ref: pipeline.ref,
      sha: pipeline.sha,
      web_url: `${this.url}/${this.projectPath}/-/pipelines/${id}`,
      created_at: now,
      updated_at: now,
    };
    this.pipelines.push(created);
    return created;
  }

  /** Moves a pipeline on, e.g. to `success`. */
  updatePipeline(id: number, update: { status: FakePipeline['status'] }) {
    const pipeline = this.pipelines.find(p => p.id === id);
    if (!pipeline) throw new Error(`no pipeline ${id}`);
    pipeline.status = update.status;
    pipeline.updated_at = new Date().toISOString();
    return pipeline;
  }

  async start() {
    const app = express();
    app.use(express.json({ limit: '50mb' }));
    app.use((req, res, next) => {
      this.requests.push(`${req.method} ${req.path}`);
      const ok =
        req.headers['private-token'] === this.token ||
        req.headers.authorization === `Bearer ${this.token}`;
      if (!ok) {
        res.status(401).json({ message: '401 Unauthorized' });
        return;
      }
      next();
    });
    const project = `/api/v4/projects/${encodeURIComponent(this.projectPath)}`;
    // Express decodes %2F in paths, so match the decoded project path too.
    const routes = [project, `/api/v4/projects/${this.projectPath}`];

    app.get(routes, (_req, res) => {
      res.json({
        id: 1,
        path_with_namespace: this.projectPath,
        default_branch: this.defaultBranch,
        web_url: `${this.url}/${this.projectPath}`,
      });
    });
    gitlabRepositoryRoutes(app, routes, this.repo);
    gitlabMergeRequestRoutes(app, routes, this);
    app.use((_req, res) => notFound(res));
    await this.listen(app);
  }
}
