import type { LoggerService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Advancer } from '../advancer/Advancer';
import type { RequestStore } from '../store/RequestStore';
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

const hostOf = (url: unknown) => {
  try {
    return new URL(String(url)).host.toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
};

/** Open requests whose pull request is in this repository. */
function inRepository(
  requests: StoredRequest[],
  provider: 'github' | 'gitlab',
  host: string | undefined,
  fullName: string | undefined,
) {
  if (!host || !fullName) return [];
  const name = fullName.toLocaleLowerCase('en-US');
  return requests.filter(
    r =>
      r.pullRequest.provider === provider &&
      r.pullRequest.host.toLocaleLowerCase('en-US') === host &&
      `${r.pullRequest.owner}/${r.pullRequest.repo}`.toLocaleLowerCase(
        'en-US',
      ) === name,
  );
}

/**
 * Webhook endpoints that advance the requests they concern at once: GitHub
 * (pull_request, check_run, workflow_run; signed with the webhook secret),
 * GitLab (merge request and pipeline hooks; X-Gitlab-Token) and Argo CD
 * notifications (bearer token; body `{ "app": "<name>" }`). Each is off (404)
 * until its secret is configured, and refuses a wrong one (401). They only
 * say "look now": what a request's stages are is still read from the
 * systems themselves, so a forged payload cannot move a request.
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

  const run = async (
    res: express.Response,
    source: string,
    pick: (open: StoredRequest[]) => StoredRequest[],
  ) => {
    const matching = pick(await store.open());
    const advanced = await advancer.advanceAll(matching);
    logger.info(
      `Webhook ${source}: ${matching.length} request(s) matched, ${advanced} advanced`,
    );
    res.status(202).json({ matched: matching.length, advanced });
  };

  const parse = (body: Buffer) => {
    try {
      return JSON.parse(body.toString('utf8'));
    } catch {
      return undefined;
    }
  };

  router.post('/webhooks/github', raw, async (req, res) => {
    if (!secrets.github) {
      res.status(404).json({
        error: {
          name: 'NotFoundError',
          message:
            'the GitHub webhook is not enabled (delivery.webhooks.github.secret)',
        },
      });
      return;
    }
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (
      !githubSignatureValid(
        secrets.github,
        body,
        req.header('x-hub-signature-256'),
      )
    ) {
      res.status(401).json({
        error: {
          name: 'AuthenticationError',
          message: 'X-Hub-Signature-256 does not match the webhook secret',
        },
      });
      return;
    }
    const payload = parse(body);
    const repository = payload?.repository;
    await run(
      res,
      `github ${req.header('x-github-event') ?? ''}`.trim(),
      open =>
        inRepository(
          open,
          'github',
          hostOf(repository?.html_url),
          repository?.full_name,
        ),
    );
  });

  router.post('/webhooks/gitlab', raw, async (req, res) => {
    if (!secrets.gitlab) {
      res.status(404).json({
        error: {
          name: 'NotFoundError',
          message:
            'the GitLab webhook is not enabled (delivery.webhooks.gitlab.token)',
        },
      });
      return;
    }
    if (!same(secrets.gitlab, req.header('x-gitlab-token') ?? '')) {
      res.status(401).json({
        error: {
          name: 'AuthenticationError',
          message: 'X-Gitlab-Token does not match the webhook token',
        },
      });
      return;
    }
    const payload = parse(
      Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
    );
    const project = payload?.project;
    await run(
      res,
      `gitlab ${req.header('x-gitlab-event') ?? ''}`.trim(),
      open =>
        inRepository(
          open,
          'gitlab',
          hostOf(project?.web_url),
          project?.path_with_namespace,
        ),
    );
  });

  router.post('/webhooks/argocd', raw, async (req, res) => {
    if (!secrets.argocd) {
      res.status(404).json({
        error: {
          name: 'NotFoundError',
          message:
            'the Argo CD webhook is not enabled (delivery.webhooks.argocd.token)',
        },
      });
      return;
    }
    if (!same(`Bearer ${secrets.argocd}`, req.header('authorization') ?? '')) {
      res.status(401).json({
        error: {
          name: 'AuthenticationError',
          message:
            'the bearer token does not match delivery.webhooks.argocd.token',
        },
      });
      return;
    }
    const payload = parse(
      Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
    );
    const app = String(
      payload?.app ?? payload?.application ?? payload?.metadata?.name ?? '',
    );
    await run(res, `argocd ${app}`, open =>
      open.filter(r =>
        r.expected.argoCdApplications?.some(a => a.name === app),
      ),
    );
  });

  return router;
}
