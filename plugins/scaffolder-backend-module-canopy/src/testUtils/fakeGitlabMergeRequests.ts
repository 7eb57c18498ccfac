/**
 * GitLab's merge-request API (`/projects/:id/merge_requests`, and the users
 * reviewers are looked up in) and what delivery tracking reads of a merge
 * request's commits (pipelines), for the loopback GitLab.
 */
import type express from 'express';
import { notFound, paged } from './fakeGitlabResponses';
import type { BareRepo } from './bareRepo';

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

/** A merge request as the merge-request list and edits answer it. */
/** What the routes read of the loopback GitLab (FakeGitlab). */
interface MergeRequestHost {
  readonly repo: BareRepo;
  readonly url: string;
  readonly projectPath: string;
  readonly mergeRequests: FakeMergeRequest[];
  readonly pipelines: FakePipeline[];
  readonly users: Array<{ id: number; username: string; name: string }>;
}

function mrJson(gitlab: MergeRequestHost, m: FakeMergeRequest) {
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
    reviewers: gitlab.users.filter(u => m.reviewerIds.includes(u.id)),
    web_url: `${gitlab.url}/${gitlab.projectPath}/-/merge_requests/${m.iid}`,
    sha: gitlab.repo.ref(m.sourceBranch) ?? null,
    merged_at: m.mergedAt,
    merge_commit_sha: m.mergeCommitSha,
    closed_at: m.closedAt,
  };
}

/** One merge request, with its head pipeline, as `GET .../merge_requests/:iid` answers. */
function mrDetailJson(gitlab: MergeRequestHost, m: FakeMergeRequest) {
  const json = mrJson(gitlab, m);
  const head = gitlab.pipelines
    .filter(p => p.sha === json.sha)
    .sort((a, b) => b.id - a.id)[0];
  return { ...json, head_pipeline: head ?? null };
}

/**
 * Adds the merge-request, pipeline and user routes of `gitlab`'s project at
 * `routes` to `app`.
 */
export function gitlabMergeRequestRoutes(
  app: express.Express,
  routes: string[],
  gitlab: MergeRequestHost,
) {
  const { mergeRequests } = gitlab;
  app.get(
    routes.map(r => `${r}/merge_requests`),
    (req, res) => {
      paged(
        res,
        mergeRequests
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
          .map(m => mrJson(gitlab, m)),
      );
    },
  );
  app.post(
    routes.map(r => `${r}/merge_requests`),
    (req, res) => {
      if (
        mergeRequests.some(
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
        iid: mergeRequests.length + 1,
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
      mergeRequests.push(mr);
      return res.status(201).json(mrJson(gitlab, mr));
    },
  );

  const mergeRequest = (iid: string) =>
    mergeRequests.find(m => m.iid === Number(iid));
  const oneMergeRequest = routes.map(r => `${r}/merge_requests/:iid`);
  app.get(oneMergeRequest, (req, res) => {
    const mr = mergeRequest(req.params.iid);
    if (!mr) return notFound(res);
    return res.json(mrDetailJson(gitlab, mr));
  });
  app.put(oneMergeRequest, (req, res) => {
    const mr = mergeRequest(req.params.iid);
    if (!mr) return notFound(res);
    if (req.body.title !== undefined) mr.title = req.body.title;
    if (req.body.description !== undefined)
      mr.description = req.body.description;
    if (req.body.add_labels)
      mr.labels = [
        ...new Set([...mr.labels, ...String(req.body.add_labels).split(',')]),
      ];
    if (req.body.reviewer_ids)
      mr.reviewerIds = req.body.reviewer_ids.map(Number);
    return res.json(mrJson(gitlab, mr));
  });

  app.get(
    routes.map(r => `${r}/pipelines`),
    (req, res) => {
      const q = req.query;
      paged(
        res,
        gitlab.pipelines
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
  app.get('/api/v4/users', (req, res) => {
    paged(
      res,
      gitlab.users.filter(
        u => !req.query.username || u.username === req.query.username,
      ),
    );
  });
}
