/**
 * GitHub's pull-request API (`/repos/{o}/{r}/pulls`, labels, requested
 * reviewers) and what delivery tracking reads of a pull request's commits
 * (check runs, workflow runs), for the loopback GitHub.
 */
import type express from 'express';
import type { BareRepo } from './bareRepo';

/**
 * A pull request of the loopback GitHub.
 *
 * @public
 */
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
  merged: boolean;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  closedAt: string | null;
}

/**
 * A check run, as `GET /repos/{o}/{r}/commits/{ref}/check-runs` lists it.
 *
 * @public
 */
export interface FakeCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: string | null;
  html_url: string;
  started_at: string;
  completed_at: string | null;
}

/**
 * A workflow run, as `GET /repos/{o}/{r}/actions/runs` lists it.
 *
 * @public
 */
export interface FakeWorkflowRun {
  id: number;
  name: string;
  /** The workflow file, e.g. `.github/workflows/canopy-terraform.yaml`. */
  path: string;
  head_sha: string;
  head_branch: string;
  event: string;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'pending';
  conclusion: string | null;
  html_url: string;
  created_at: string;
  updated_at: string;
}

/** A pull request as the pulls endpoints answer it. */
/** What the routes read of the loopback GitHub (FakeGithub). */
interface PullHost {
  readonly owner: string;
  readonly repo: BareRepo;
  readonly url: string;
  readonly repositoryPath: string;
  readonly pulls: FakePull[];
  readonly checkRuns: FakeCheckRun[];
  readonly workflowRuns: FakeWorkflowRun[];
}

function pullJson(github: PullHost, p: FakePull) {
  const branch = (ref: string) => ({
    ref,
    sha: github.repo.ref(ref) ?? null,
    label: `${github.owner}:${ref}`,
  });
  return {
    number: p.number,
    html_url: `${github.url}/${github.repositoryPath}/pull/${p.number}`,
    state: p.state,
    title: p.title,
    body: p.body,
    draft: p.draft,
    merged: p.merged,
    merged_at: p.mergedAt,
    merge_commit_sha: p.mergeCommitSha,
    closed_at: p.closedAt,
    head: branch(p.head),
    base: branch(p.base),
    labels: p.labels.map(name => ({ name })),
    requested_reviewers: p.requestedReviewers.map(login => ({ login })),
    requested_teams: p.requestedTeams.map(slug => ({ slug })),
  };
}

/** Adds the pull-request, check-run and workflow-run routes of `github`'s repository at `base` to `app`. */
export function githubPullRoutes(
  app: express.Express,
  base: string,
  github: PullHost,
  notFound: (res: express.Response) => unknown,
) {
  const { owner, repo, pulls } = github;
  app.get(`${base}/pulls`, (req, res) => {
    const head = String(req.query.head ?? '').replace(`${owner}:`, '');
    const state = String(req.query.state ?? 'open');
    res.json(
      pulls
        .filter(
          p =>
            (!head || p.head === head) &&
            (!req.query.base || p.base === req.query.base) &&
            (state === 'all' || p.state === state),
        )
        .map(p => pullJson(github, p)),
    );
  });
  app.post(`${base}/pulls`, (req, res) => {
    if (!repo.ref(req.body.head))
      return res.status(422).json({
        message: 'Validation Failed',
        errors: [{ field: 'head', code: 'invalid' }],
      });
    if (pulls.some(p => p.head === req.body.head && p.state === 'open')) {
      return res.status(422).json({
        message: 'Validation Failed',
        errors: [
          {
            message: `A pull request already exists for ${owner}:${req.body.head}.`,
          },
        ],
      });
    }
    const created: FakePull = {
      number: pulls.length + 1,
      title: req.body.title,
      body: req.body.body ?? '',
      draft: Boolean(req.body.draft),
      state: 'open',
      head: req.body.head,
      base: req.body.base,
      labels: [],
      requestedReviewers: [],
      requestedTeams: [],
      merged: false,
      mergedAt: null,
      mergeCommitSha: null,
      closedAt: null,
    };
    pulls.push(created);
    return res.status(201).json(pullJson(github, created));
  });

  const pull = (n: string) => pulls.find(p => p.number === Number(n));
  app.get(`${base}/pulls/:n`, (req, res) => {
    const p = pull(req.params.n);
    if (!p) return notFound(res);
    return res.json(pullJson(github, p));
  });
  app.patch(`${base}/pulls/:n`, (req, res) => {
    const p = pull(req.params.n);
    if (!p) return notFound(res);
    if (req.body.title !== undefined) p.title = req.body.title;
    if (req.body.body !== undefined) p.body = req.body.body;
    return res.json(pullJson(github, p));
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
    return res.status(201).json(pullJson(github, p));
  });

  app.get(new RegExp(`^${base}/commits/([^/]+)/check-runs$`), (req, res) => {
    const sha = repo.resolve(decodeURIComponent((req.params as any)[0]));
    if (!sha) return res.status(422).json({ message: 'No commit found' });
    const runs = github.checkRuns.filter(
      r =>
        r.head_sha === sha &&
        (!req.query.check_name || r.name === req.query.check_name) &&
        (!req.query.status || r.status === req.query.status),
    );
    return res.json({ total_count: runs.length, check_runs: runs });
  });
  app.get(`${base}/actions/runs`, (req, res) => {
    const q = req.query;
    const runs = github.workflowRuns
      .filter(
        r =>
          (!q.head_sha || r.head_sha === q.head_sha) &&
          (!q.event || r.event === q.event) &&
          (!q.branch || r.head_branch === q.branch) &&
          (!q.status || r.status === q.status || r.conclusion === q.status),
      )
      .reverse();
    res.json({ total_count: runs.length, workflow_runs: runs });
  });
}
