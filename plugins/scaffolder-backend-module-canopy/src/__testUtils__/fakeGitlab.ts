/**
 * Stands in for the GitLab REST API v4 on 127.0.0.1, for the calls Canopy's
 * merge-request action makes: projects, branches, repository tree, commits
 * (with actions), merge requests list/create/edit and users. Objects live in
 * a real bare git repository, so a test can check out the merge request's
 * branch. Shapes follow GitLab's REST documentation for those endpoints.
 */
import express from 'express';
import { once } from 'node:events';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { BareRepo } from './bareRepo';

export interface FakeMergeRequest {
  iid: number;
  title: string;
  description: string;
  sourceBranch: string;
  targetBranch: string;
  state: 'opened' | 'closed' | 'merged';
  labels: string[];
  reviewerIds: number[];
}

export class FakeGitlab {
  readonly repo = new BareRepo();
  readonly requests: string[] = [];
  readonly mergeRequests: FakeMergeRequest[] = [];
  readonly users = [{ id: 7, username: 'jane', name: 'Jane' }];
  private server?: Server;
  port = 0;

  constructor(readonly projectPath: string, private readonly token: string) {}

  get baseUrl() {
    return `http://127.0.0.1:${this.port}`;
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
    };
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
        default_branch: 'main',
        web_url: `${this.baseUrl}/${this.projectPath}`,
      });
    });
    app.get(
      routes.map(
        r =>
          new RegExp(
            `^${r.replace(
              /[.*+?^${}()|[\]\\]/g,
              '\\$&',
            )}/repository/branches/(.+)$`,
          ),
      ),
      (req, res) => {
        const name = decodeURIComponent((req.params as any)[0]);
        const sha = this.repo.ref(name);
        if (!sha) return notFound(res, '404 Branch Not Found');
        return res.json({
          name,
          commit: { id: sha },
          default: name === 'main',
        });
      },
    );
    app.post(
      routes.map(r => `${r}/repository/branches`),
      (req, res) => {
        const branch = req.body.branch ?? req.query.branch;
        const ref = req.body.ref ?? req.query.ref;
        if (this.repo.ref(branch))
          return res.status(400).json({ message: 'Branch already exists' });
        const sha = this.repo.ref(ref);
        if (!sha)
          return res.status(400).json({ message: 'Invalid reference name' });
        this.repo.updateRef(branch, sha);
        return res.status(201).json({ name: branch, commit: { id: sha } });
      },
    );
    app.get(
      routes.map(r => `${r}/repository/tree`),
      (req, res) => {
        const sha = this.repo.ref(String(req.query.ref ?? 'main'));
        if (!sha) return notFound(res, '404 Tree Not Found');
        const files = this.repo.readTree(this.repo.commitInfo(sha).tree);
        return paged(
          res,
          [...files].map(([p, e]) => ({
            id: e.sha,
            name: p.split('/').pop(),
            type: 'blob',
            path: p,
            mode: e.mode,
          })),
        );
      },
    );
    app.post(
      routes.map(r => `${r}/repository/commits`),
      (req, res) => {
        const branch = req.body.branch;
        const head = this.repo.ref(branch);
        if (!head)
          return res.status(400).json({
            message:
              'You can only create or edit files when you are on a branch',
          });
        const files = this.repo.readTree(this.repo.commitInfo(head).tree);
        for (const a of req.body.actions ?? []) {
          const exists = files.has(a.file_path);
          if (a.action === 'create' && exists)
            return res
              .status(400)
              .json({ message: 'A file with this name already exists' });
          if (a.action === 'update' && !exists)
            return res
              .status(400)
              .json({ message: "A file with this name doesn't exist" });
          const content = Buffer.from(
            a.content ?? '',
            a.encoding === 'base64' ? 'base64' : 'utf8',
          );
          files.set(a.file_path, {
            mode: '100644',
            type: 'blob',
            sha: this.repo.writeBlob(content),
          });
        }
        const tree = this.repo.writeTree(files);
        const sha = this.repo.commit(tree, [head], req.body.commit_message, {
          name: req.body.author_name ?? 'GitLab',
          email: req.body.author_email ?? 'gitlab@example.invalid',
        });
        this.repo.updateRef(branch, sha);
        return res.status(201).json({
          id: sha,
          short_id: sha.slice(0, 8),
          title: req.body.commit_message,
        });
      },
    );
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
        };
        this.mergeRequests.push(mr);
        return res.status(201).json(this.mrJson(mr));
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
    this.server = app.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop() {
    await new Promise(r => this.server?.close(r));
  }
}
