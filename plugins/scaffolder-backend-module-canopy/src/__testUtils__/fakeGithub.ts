/**
 * Stands in for the GitHub REST API (api.github.com / GitHub Enterprise
 * /api/v3) on 127.0.0.1, for the calls Canopy's pull-request action makes:
 * repos.get, git refs/commits/trees/blobs, pulls list/create/update,
 * issues.addLabels and pulls.requestReviewers. Objects live in a real bare git
 * repository, so a test can check out the pull request's branch. Request and
 * response shapes follow GitHub's REST documentation for those endpoints.
 */
import express from 'express';
import { once } from 'node:events';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { BareRepo, TreeEntry } from './bareRepo';

export interface FakePull {
  number: number;
  title: string;
  body: string;
  draft: boolean;
  state: 'open' | 'closed';
  head: string;
  base: string;
  labels: string[];
  requestedReviewers: string[];
  requestedTeams: string[];
}

export class FakeGithub {
  readonly repo = new BareRepo();
  readonly requests: string[] = [];
  readonly pulls: FakePull[] = [];
  private server?: Server;
  port = 0;

  constructor(
    readonly owner: string,
    readonly name: string,
    private readonly token: string,
  ) {}

  get apiBaseUrl() {
    return `http://127.0.0.1:${this.port}/api/v3`;
  }

  private pullJson(p: FakePull) {
    return {
      number: p.number,
      html_url: `http://127.0.0.1:${this.port}/${this.owner}/${this.name}/pull/${p.number}`,
      state: p.state,
      title: p.title,
      body: p.body,
      draft: p.draft,
      head: { ref: p.head, label: `${this.owner}:${p.head}` },
      base: { ref: p.base },
      labels: p.labels.map(name => ({ name })),
      requested_reviewers: p.requestedReviewers.map(login => ({ login })),
      requested_teams: p.requestedTeams.map(slug => ({ slug })),
    };
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
        default_branch: 'main',
        private: true,
      });
    });
    app.get(new RegExp(`^${base}/git/ref/(.+)$`), (req, res) => {
      const ref = decodeURIComponent((req.params as any)[0]);
      const sha = ref.startsWith('heads/')
        ? this.repo.ref(ref.slice(6))
        : undefined;
      if (!sha) return notFound(res);
      return res.json({ ref: `refs/${ref}`, object: { sha, type: 'commit' } });
    });
    app.get(`${base}/git/commits/:sha`, (req, res) => {
      const info = this.repo.commitInfo(req.params.sha);
      res.json({
        sha: req.params.sha,
        tree: { sha: info.tree },
        parents: info.parents.map(sha => ({ sha })),
      });
    });
    app.get(`${base}/git/trees/:sha`, (req, res) => {
      const tree = [...this.repo.readTree(req.params.sha)].map(([p, e]) => ({
        path: p,
        mode: e.mode,
        type: e.type,
        sha: e.sha,
      }));
      res.json({ sha: req.params.sha, tree, truncated: false });
    });
    app.post(`${base}/git/blobs`, (req, res) => {
      const content = Buffer.from(
        req.body.content,
        req.body.encoding === 'base64' ? 'base64' : 'utf8',
      );
      res.status(201).json({ sha: this.repo.writeBlob(content) });
    });
    app.post(`${base}/git/trees`, (req, res) => {
      const files: Map<string, TreeEntry> = req.body.base_tree
        ? this.repo.readTree(req.body.base_tree)
        : new Map();
      for (const e of req.body.tree)
        files.set(e.path, { mode: e.mode, type: 'blob', sha: e.sha });
      res.status(201).json({ sha: this.repo.writeTree(files) });
    });
    app.post(`${base}/git/commits`, (req, res) => {
      const author = req.body.author ?? {
        name: 'GitHub',
        email: 'noreply@github.invalid',
      };
      res.status(201).json({
        sha: this.repo.commit(
          req.body.tree,
          req.body.parents,
          req.body.message,
          author,
        ),
      });
    });
    app.post(`${base}/git/refs`, (req, res) => {
      const branch = String(req.body.ref).replace(/^refs\/heads\//, '');
      if (this.repo.ref(branch))
        return res.status(422).json({ message: 'Reference already exists' });
      this.repo.updateRef(branch, req.body.sha);
      return res.status(201).json({
        ref: req.body.ref,
        object: { sha: req.body.sha, type: 'commit' },
      });
    });
    app.patch(new RegExp(`^${base}/git/refs/(.+)$`), (req, res) => {
      const branch = decodeURIComponent((req.params as any)[0]).replace(
        /^heads\//,
        '',
      );
      const current = this.repo.ref(branch);
      if (!current)
        return res.status(422).json({ message: 'Reference does not exist' });
      if (
        !req.body.force &&
        !this.repo.commitInfo(req.body.sha).parents.includes(current)
      ) {
        return res
          .status(422)
          .json({ message: 'Update is not a fast forward' });
      }
      this.repo.updateRef(branch, req.body.sha);
      return res.json({
        ref: `refs/heads/${branch}`,
        object: { sha: req.body.sha, type: 'commit' },
      });
    });
    app.get(`${base}/pulls`, (req, res) => {
      const head = String(req.query.head ?? '').replace(`${this.owner}:`, '');
      const state = String(req.query.state ?? 'open');
      res.json(
        this.pulls
          .filter(
            p =>
              (!head || p.head === head) &&
              (!req.query.base || p.base === req.query.base) &&
              (state === 'all' || p.state === state),
          )
          .map(p => this.pullJson(p)),
      );
    });
    app.post(`${base}/pulls`, (req, res) => {
      if (!this.repo.ref(req.body.head))
        return res.status(422).json({
          message: 'Validation Failed',
          errors: [{ field: 'head', code: 'invalid' }],
        });
      if (
        this.pulls.some(p => p.head === req.body.head && p.state === 'open')
      ) {
        return res.status(422).json({
          message: 'Validation Failed',
          errors: [
            {
              message: `A pull request already exists for ${this.owner}:${req.body.head}.`,
            },
          ],
        });
      }
      const pull: FakePull = {
        number: this.pulls.length + 1,
        title: req.body.title,
        body: req.body.body ?? '',
        draft: Boolean(req.body.draft),
        state: 'open',
        head: req.body.head,
        base: req.body.base,
        labels: [],
        requestedReviewers: [],
        requestedTeams: [],
      };
      this.pulls.push(pull);
      return res.status(201).json(this.pullJson(pull));
    });
    const pull = (n: string) => this.pulls.find(p => p.number === Number(n));
    app.patch(`${base}/pulls/:n`, (req, res) => {
      const p = pull(req.params.n);
      if (!p) return notFound(res);
      if (req.body.title !== undefined) p.title = req.body.title;
      if (req.body.body !== undefined) p.body = req.body.body;
      return res.json(this.pullJson(p));
    });
    app.post(`${base}/issues/:n/labels`, (req, res) => {
      const p = pull(req.params.n);
      if (!p) return notFound(res);
      p.labels = [...new Set([...p.labels, ...req.body.labels])];
      return res.json(p.labels.map(name => ({ name })));
    });
    app.post(`${base}/pulls/:n/requested_reviewers`, (req, res) => {
      const p = pull(req.params.n);
      if (!p) return notFound(res);
      p.requestedReviewers = [
        ...new Set([...p.requestedReviewers, ...(req.body.reviewers ?? [])]),
      ];
      p.requestedTeams = [
        ...new Set([...p.requestedTeams, ...(req.body.team_reviewers ?? [])]),
      ];
      return res.status(201).json(this.pullJson(p));
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
