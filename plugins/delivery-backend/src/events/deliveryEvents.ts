import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventParams, EventsService } from '@backstage/plugin-events-node';
import type { Advancer } from '../advancer/Advancer';
import { repositoryKey, type RequestStore } from '../store/RequestStore';
import type { StoredRequest } from '../store/types';

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

/** The topics delivery listens to: those of the events backend's GitHub and GitLab modules, and Argo CD's. */
export const DELIVERY_TOPICS = ['github', 'gitlab', 'argocd'];

const hostOf = (url: unknown) => {
  try {
    return new URL(String(url)).host;
  } catch {
    return undefined;
  }
};

const header = (metadata: EventParams['metadata'], name: string) => {
  const value = metadata?.[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * The open requests an event concerns, and what to call it in the log; none
 * for events that cannot move a request.
 */
async function concerned(
  store: RequestStore,
  { topic, eventPayload, metadata }: EventParams,
): Promise<{ source: string; requests: StoredRequest[] }> {
  const payload = (eventPayload ?? {}) as Record<string, any>;
  if (topic === 'github') {
    const event = header(metadata, 'x-github-event') ?? '';
    const repository = payload.repository;
    const host = hostOf(repository?.html_url);
    const [owner, repo] = String(repository?.full_name ?? '').split('/');
    if (!GITHUB_EVENTS.has(event) || !host || !owner || !repo) {
      return { source: `github ${event}`, requests: [] };
    }
    return {
      source: `github ${event}`,
      requests: await store.openInRepository(
        repositoryKey({ provider: 'github', host, owner, repo }),
      ),
    };
  }
  if (topic === 'gitlab') {
    const kind = String(payload.object_kind ?? '');
    const path = String(payload.project?.path_with_namespace ?? '');
    const slash = path.lastIndexOf('/');
    const host = hostOf(payload.project?.web_url);
    if (!GITLAB_KINDS.has(kind) || !host || slash < 1) {
      return { source: `gitlab ${kind}`, requests: [] };
    }
    return {
      source: `gitlab ${kind}`,
      requests: await store.openInRepository(
        repositoryKey({
          provider: 'gitlab',
          host,
          owner: path.slice(0, slash),
          repo: path.slice(slash + 1),
        }),
      ),
    };
  }
  const app = String(
    payload.app ?? payload.application ?? payload.metadata?.name ?? '',
  );
  return {
    source: `argocd ${app}`,
    requests: app ? await store.openExpectingApplication(app) : [],
  };
}

/**
 * Advances the requests an event concerns at once: GitHub and GitLab
 * deliveries arrive through the events backend's modules
 * (`@backstage/plugin-events-backend-module-github`, `-gitlab`), which check
 * their signature or token; Argo CD notifications through
 * {@link eventsModuleDeliveryArgoCd}'s ingress. An event only says "look
 * now": a stage is still read from the systems themselves, so a forged event
 * cannot move a request.
 */
export async function subscribeToDeliveryEvents(options: {
  events: EventsService;
  store: RequestStore;
  advancer: Advancer;
  logger: LoggerService;
}) {
  const { events, store, advancer, logger } = options;
  await events.subscribe({
    id: 'delivery-requests',
    topics: DELIVERY_TOPICS,
    async onEvent(params) {
      const { source, requests } = await concerned(store, params);
      if (!requests.length) return;
      const advanced = await advancer.advanceAll(requests);
      logger.info(
        `Event ${source}: ${requests.length} request(s) matched, ${advanced} advanced`,
      );
    },
  });
}
