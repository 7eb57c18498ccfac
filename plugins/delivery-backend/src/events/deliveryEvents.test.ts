/**
 * Events from GitHub, GitLab and Argo CD (as the events backend publishes
 * them) advance exactly the open requests they concern; events that cannot
 * move a request are ignored.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import type { Advancer } from '../advancer/Advancer';
import { aRequest } from '../__testUtils__/requests';
import { sqliteStore, storeDatabases } from '../__testUtils__/testbeds';
import type { StoredRequest } from '../store/types';
import { subscribeToDeliveryEvents } from './deliveryEvents';

const databases = storeDatabases();

async function setup() {
  const store = await sqliteStore(databases);
  await store.insert(aRequest({ pipeline: true }, { id: 'gh', taskId: 't1' }));
  await store.insert(
    aRequest(
      { argoCdApplications: [{ name: 'blog-dev' }] },
      { id: 'argo', taskId: 't2' },
    ),
  );
  await store.insert(
    aRequest(
      { pipeline: true },
      {
        id: 'gl',
        taskId: 't3',
        pullRequest: {
          url: 'https://gitlab.example/platform/infra/live/-/merge_requests/3',
          provider: 'gitlab',
          host: 'gitlab.example',
          owner: 'platform/infra',
          repo: 'live',
          number: 3,
        },
      },
    ),
  );
  const advanced: string[][] = [];
  const advancer = {
    advanceAll: async (requests: StoredRequest[]) => {
      advanced.push(requests.map(r => r.id).sort());
      return requests.length;
    },
  } as unknown as Advancer;
  const logger = mockServices.logger.mock();
  const events = DefaultEventsService.create({ logger }).forPlugin('delivery');
  await subscribeToDeliveryEvents({ events, store, advancer, logger });
  return { events, advanced };
}

const github = (event: string, fullName = 'acme/infra') => ({
  topic: 'github',
  eventPayload: {
    repository: {
      full_name: fullName,
      html_url: `https://github.example/${fullName}`,
    },
  },
  metadata: { 'x-github-event': event },
});

describe('delivery events', () => {
  it("a GitHub event about a request's repository advances its open requests", async () => {
    const { events, advanced } = await setup();
    await events.publish(github('pull_request'));
    await events.publish(github('workflow_run'));
    expect(advanced).toEqual([
      ['argo', 'gh'],
      ['argo', 'gh'],
    ]);
  });

  it('ignores GitHub events that cannot move a request, and other repositories', async () => {
    const { events, advanced } = await setup();
    await events.publish(github('push'));
    await events.publish(github('pull_request', 'team-b/infra'));
    await events.publish({ ...github('pull_request'), eventPayload: {} });
    expect(advanced).toEqual([]);
  });

  it('a GitLab merge request or pipeline hook advances the requests of its project', async () => {
    const { events, advanced } = await setup();
    const hook = (kind: string) => ({
      topic: 'gitlab',
      eventPayload: {
        object_kind: kind,
        project: {
          path_with_namespace: 'platform/infra/live',
          web_url: 'https://gitlab.example/platform/infra/live',
        },
      },
    });
    await events.publish(hook('merge_request'));
    await events.publish(hook('pipeline'));
    await events.publish(hook('note'));
    expect(advanced).toEqual([['gl'], ['gl']]);
  });

  it('an Argo CD notification advances only the requests expecting exactly that application', async () => {
    const { events, advanced } = await setup();
    const app = (name: string) => ({
      topic: 'argocd',
      eventPayload: { app: name },
    });
    await events.publish(app('blog-dev'));
    // Not a prefix, not LIKE's wildcards, not another case.
    for (const other of ['blog', 'blog%', 'blog_dev', 'BLOG-DEV']) {
      await events.publish(app(other));
    }
    expect(advanced).toEqual([['argo']]);
  });
});
