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
import { createHash } from 'node:crypto';
import { gitlabRepositoryRoutes } from './fakeGitlabRepository';
import { LoopbackGitHost } from './loopbackGitHost';

/**
 * A merge request of the loopback GitLab.
 *
 * @public
 */
export interface FakeMergeRequest {
  iid: number;
  title: string;
  description: string;
  sourceBranch: string;
  targetBranch: string;
  state: 'opened' | 'closed' | 'merged';
  labels: string[];
  reviewerIds: number[];
  mergedAt: string | null;
  mergeCommitSha: string | null;
  closedAt: string | null;
}

/**
 * A pipeline, as `GET /projects/:id/pipelines` lists it.
 *
 * @public
 */
export interface FakePipeline {
  id: number;
  iid: number;
  project_id: number;
  status:
    | 'created'
    | 'waiting_for_resource'
    | 'preparing'
    | 'pending'
    | 'running'
    | 'success'
    | 'failed'
    | 'canceled'
    | 'skipped'
    | 'manual'
    | 'scheduled';
  /** e.g. `push`, `merge_request_event`. */
  source: string;
  ref: string;
  sha: string;
  web_url: string;
  created_at: string;
  updated_at: string;
}

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

  get baseUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** An `integrations.gitlab` entry for this server, with its token or another. */
  integration(token = this.token) {
    return {
      host: this.host,
      apiBaseUrl: `${this.baseUrl}/api/v4`,
      baseUrl: this.baseUrl,
      token,
    };
  }

  private mrJson(m: FakeMergeRequest) {
    return {
      id: 1000 + m.iid,
      iid: m.iid,
      project_id: 1,
      title: m.title,
      description: m.description,
      state: m.state,
      draft: m.title.startsWith('Draft:'),
      source_branch: m.sourceBranch,
      target_branch: m.targetBranch,
      labels: m.labels,
      reviewers: this.users.filter(u => m.reviewerIds.includes(u.id)),
      web_url: `${this.baseUrl}/${this.projectPath}/-/merge_requests/${m.iid}`,
      sha: this.repo.ref(m.sourceBranch) ?? null,
      merged_at: m.mergedAt,
      merge_commit_sha: m.mergeCommitSha,
      closed_at: m.closedAt,
    };
  }

  /** One merge request, with its head pipeline, as `GET .../merge_requests/:iid` answers. */
  private mrDetailJson(m: FakeMergeRequest) {
    const json = this.mrJson(m);
    const head = this.pipelines
      .filter(p => p.sha === json.sha)
      .sort((a, b) => b.id - a.id)[0];
    return { ...json, head_pipeline: head ?? null };
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
    const target = this.repo.ref(mr.targetBranch);
    const source = this.repo.ref(mr.sourceBranch);
    if (!target || !source)
      throw new Error(`merge request !${iid} lost a branch`);
    const sha = this.repo.mergeCommit(
      target,
      source,
      `Merge branch '${mr.sourceBranch}' into '${mr.targetBranch}'\n\n${mr.title}\n\nSee merge request ${this.projectPath}!${iid}`,
      { name: 'GitLab', email: 'gitlab@example.invalid' },
    );
    this.repo.updateRef(mr.targetBranch, sha);
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
      web_url: `${this.baseUrl}/${this.projectPath}/-/pipelines/${id}`,
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
    const notFound = (res: express.Response, what = '404 Not found') =>
      res.status(404).json({ message: what });
    const paged = (res: express.Response, items: unknown[]) => {
      res.set({
        'x-page': '1',
        'x-per-page': String(Math.max(items.length, 20)),
        'x-total': String(items.length),
        'x-total-pages': '1',
        'x-next-page': '',
        'x-prev-page': '',
      });
      res.json(items);
    };
    // Express decodes %2F in paths, so match the decoded project path too.
    const routes = [project, `/api/v4/projects/${this.projectPath}`];

    app.get(routes, (_req, res) => {
      res.json({
        id: 1,
        path_with_namespace: this.projectPath,
        default_branch: this.defaultBranch,
        web_url: `${this.baseUrl}/${this.projectPath}`,
      });
    });
    gitlabRepositoryRoutes(app, routes, this.repo, { notFound, paged });
    app.get(
      routes.map(r => `${r}/merge_requests`),
      (req, res) => {
        paged(
          res,
          this.mergeRequests
            .filter(
              m =>
                (!req.query.source_branch ||
                  m.sourceBranch === req.query.source_branch) &&
                (!req.query.target_branch ||
                  m.targetBranch === req.query.target_branch) &&
                (!req.query.state ||
                  req.query.state === 'all' ||
                  m.state === req.query.state),
            )
            .map(m => this.mrJson(m)),
        );
      },
    );
    app.post(
      routes.map(r => `${r}/merge_requests`),
      (req, res) => {
        if (
          this.mergeRequests.some(
            m =>
              m.sourceBranch === req.body.source_branch && m.state === 'opened',
          )
        ) {
          return res.status(409).json({
            message: [
              'Another open merge request already exists for this source branch',
            ],
          });
        }
        const mr: FakeMergeRequest = {
          iid: this.mergeRequests.length + 1,
          title: req.body.title,
          description: req.body.description ?? '',
          sourceBranch: req.body.source_branch,
          targetBranch: req.body.target_branch,
          state: 'opened',
          labels: req.body.labels ? String(req.body.labels).split(',') : [],
          reviewerIds: (req.body.reviewer_ids ?? []).map(Number),
          mergedAt: null,
          mergeCommitSha: null,
          closedAt: null,
        };
        this.mergeRequests.push(mr);
        return res.status(201).json(this.mrJson(mr));
      },
    );
    app.get(
      routes.map(r => `${r}/merge_requests/:iid`),
      (req, res) => {
        const mr = this.mergeRequests.find(
          m => m.iid === Number(req.params.iid),
        );
        if (!mr) return notFound(res);
        return res.json(this.mrDetailJson(mr));
      },
    );
    app.get(
      routes.map(r => `${r}/pipelines`),
      (req, res) => {
        const q = req.query;
        paged(
          res,
          this.pipelines
            .filter(
              p =>
                (!q.sha || p.sha === q.sha) &&
                (!q.ref || p.ref === q.ref) &&
                (!q.source || p.source === q.source) &&
                (!q.status || p.status === q.status),
            )
            .sort((a, b) => b.id - a.id),
        );
      },
    );
    app.get(
      routes.map(
        r =>
          new RegExp(
            `^${r.replace(
              /[.*+?^${}()|[\]\\]/g,
              '\\$&',
            )}/repository/files/([^/]+)$`,
          ),
      ),
      (req, res) => {
        const file = decodeURIComponent((req.params as any)[0]);
        const ref = String(req.query.ref ?? '');
        const commit = ref ? this.repo.resolve(ref) : undefined;
        const entry = commit
          ? this.repo.readTree(this.repo.commitInfo(commit).tree).get(file)
          : undefined;
        if (!commit || !entry) return notFound(res, '404 File Not Found');
        const content = this.repo.readBlob(entry.sha);
        return res.json({
          file_name: file.split('/').pop(),
          file_path: file,
          size: content.length,
          encoding: 'base64',
          content: content.toString('base64'),
          content_sha256: createHash('sha256').update(content).digest('hex'),
          ref,
          blob_id: entry.sha,
          commit_id: commit,
          last_commit_id: commit,
        });
      },
    );
    app.put(
      routes.map(r => `${r}/merge_requests/:iid`),
      (req, res) => {
        const mr = this.mergeRequests.find(
          m => m.iid === Number(req.params.iid),
        );
        if (!mr) return notFound(res);
        if (req.body.title !== undefined) mr.title = req.body.title;
        if (req.body.description !== undefined)
          mr.description = req.body.description;
        if (req.body.add_labels)
          mr.labels = [
            ...new Set([
              ...mr.labels,
              ...String(req.body.add_labels).split(','),
            ]),
          ];
        if (req.body.reviewer_ids)
          mr.reviewerIds = req.body.reviewer_ids.map(Number);
        return res.json(this.mrJson(mr));
      },
    );
    app.get('/api/v4/users', (req, res) => {
      paged(
        res,
        this.users.filter(
          u => !req.query.username || u.username === req.query.username,
        ),
      );
    });
    app.use((_req, res) => notFound(res));
    await this.listen(app);
  }
}
