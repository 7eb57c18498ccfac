import type { LoggerService } from '@backstage/backend-plugin-api';
import { AuthenticationError, NotFoundError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Advancer } from '../advancer/Advancer';
import { repositoryKey, type RequestStore } from '../store/RequestStore';
import type { StoredRequest } from '../store/types';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** GitHub's `X-Hub-Signature-256`: `sha256=` + HMAC-SHA256 of the raw body with the secret. */
export function githubSignatureValid(
  secret: string,
  body: Buffer,
  header: string | undefined,
): boolean {
  if (!header) return false;
  const expected = `sha256=${createHmac('sha256', secret)
    .update(body)
    .digest('hex')}`;
  return same(expected, header);
}

/** GitHub events that can move a request: the PR, its checks, the apply run. */
const GITHUB_EVENTS = new Set([
  'pull_request',
  'pull_request_review',
  'check_run',
  'check_suite',
  'status',
  'workflow_run',
]);
/** GitLab `object_kind`s that can move a request. */
const GITLAB_KINDS = new Set(['merge_request', 'pipeline', 'build']);

const hostOf = (url: unknown) => {
  try {
    return new URL(String(url)).host;
  } catch {
    return undefined;
  }
};

const json = (body: unknown) => {
  try {
    return JSON.parse(Buffer.isBuffer(body) ? body.toString('utf8') : '');
  } catch {
    return undefined;
  }
};

/**
 * Webhook endpoints that advance the requests they concern at once: GitHub
 * (pull requests, checks, workflow runs; signed with the webhook secret),
 * GitLab (merge request and pipeline hooks; X-Gitlab-Token) and Argo CD
 * notifications (bearer token; body `{ "app": "<name>" }`). Each is off (404)
 * until its secret is configured and refuses a wrong one (401); events that
 * cannot move a request are ignored. They answer 202 at once and advance the
 * matching requests after answering. They only say "look now": a stage is
 * still read from the systems themselves, so a forged call cannot move a
 * request.
 */
export function createWebhookRouter(options: {
  secrets: { github?: string; gitlab?: string; argocd?: string };
  store: RequestStore;
  advancer: Advancer;
  logger: LoggerService;
}): express.Router {
  const { secrets, store, advancer, logger } = options;
  const router = Router();
  const raw = express.raw({ type: '*/*', limit: '5mb' });

  const advanceLater = (source: string, requests: StoredRequest[]) => {
    if (!requests.length) return;
    advancer.advanceAll(requests).then(
      advanced =>
        logger.info(
          `Webhook ${source}: ${requests.length} request(s) matched, ${advanced} advanced`,
        ),
      error => logger.error(`Webhook ${source}: could not advance: ${error}`),
    );
  };

  const accepted = (
    res: express.Response,
    source: string,
    requests: StoredRequest[],
  ) => {
    res.status(202).json({ matched: requests.length });
    advanceLater(source, requests);
  };

  router.post('/webhooks/github', raw, async (req, res) => {
    if (!secrets.github) {
      throw new NotFoundError(
        'the GitHub webhook is not enabled (delivery.webhooks.github.secret)',
      );
    }
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (
      !githubSignatureValid(
        secrets.github,
        body,
        req.header('x-hub-signature-256'),
      )
    ) {
      throw new AuthenticationError(
        'X-Hub-Signature-256 does not match the webhook secret',
      );
    }
    const event = req.header('x-github-event') ?? '';
    if (!GITHUB_EVENTS.has(event)) {
      res.status(202).json({ matched: 0, ignored: event });
      return;
    }
    const repository = json(body)?.repository;
    const host = hostOf(repository?.html_url);
    const requests =
      host && repository?.full_name
        ? await store.openInRepository(
            repositoryKey({
              provider: 'github',
              host,
              owner: String(repository.full_name).split('/')[0],
              repo: String(repository.full_name).split('/')[1] ?? '',
            }),
          )
        : [];
    accepted(res, `github ${event}`, requests);
  });

  router.post('/webhooks/gitlab', raw, async (req, res) => {
    if (!secrets.gitlab) {
      throw new NotFoundError(
        'the GitLab webhook is not enabled (delivery.webhooks.gitlab.token)',
      );
    }
    if (!same(secrets.gitlab, req.header('x-gitlab-token') ?? '')) {
      throw new AuthenticationError(
        'X-Gitlab-Token does not match the webhook token',
      );
    }
    const payload = json(req.body);
    const kind = String(payload?.object_kind ?? '');
    if (!GITLAB_KINDS.has(kind)) {
      res.status(202).json({ matched: 0, ignored: kind });
      return;
    }
    const project = payload?.project;
    const path = String(project?.path_with_namespace ?? '');
    const slash = path.lastIndexOf('/');
    const host = hostOf(project?.web_url);
    const requests =
      host && slash > 0
        ? await store.openInRepository(
            repositoryKey({
              provider: 'gitlab',
              host,
              owner: path.slice(0, slash),
              repo: path.slice(slash + 1),
            }),
          )
        : [];
    accepted(res, `gitlab ${kind}`, requests);
  });

  router.post('/webhooks/argocd', raw, async (req, res) => {
    if (!secrets.argocd) {
      throw new NotFoundError(
        'the Argo CD webhook is not enabled (delivery.webhooks.argocd.token)',
      );
    }
    if (!same(`Bearer ${secrets.argocd}`, req.header('authorization') ?? '')) {
      throw new AuthenticationError(
        'the bearer token does not match delivery.webhooks.argocd.token',
      );
    }
    const payload = json(req.body);
    const app = String(
      payload?.app ?? payload?.application ?? payload?.metadata?.name ?? '',
    );
    const requests = app ? await store.openExpectingApplication(app) : [];
    accepted(res, `argocd ${app}`, requests);
  });

  return router;
}
