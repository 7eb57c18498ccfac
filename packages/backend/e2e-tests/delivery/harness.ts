/**
 * The world of the delivery end-to-end test (delivery.test.ts): two replicas
 * of Canopy's real backend on one PostgreSQL (loopback), with the real
 * scaffolder, the real OpenStack test bed, and loopback GitHub, GitLab,
 * Argo CD and Kubernetes APIs; and what the test does in it: run a template,
 * open a pull request, record a request, send a signed GitHub webhook, wait
 * for a request's stages or for notifications.
 */
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type {
  DeliveryRequest,
  DeliveryStage,
} from '@canopy-idp/plugin-delivery-common';
import { entityTag } from '@canopy-idp/plugin-openstack-common';
import { startCanopyBackend } from '../../src/__testUtils__/backend';
import {
  dropDatabases,
  postgresDatabase,
} from '../../src/__testUtils__/postgres';
import {
  createTaggedServer,
  deleteServers,
  labCloud,
  testbedAuth,
  testbedSeed,
} from '../../src/__testUtils__/testbed';
import { until } from '@canopy-idp/plugin-delivery-common/testUtils';
import {
  FakeArgoCd,
  FakeKubernetesApi,
} from '@canopy-idp/plugin-delivery-backend/testUtils';
import {
  FakeGithub,
  FakeGitlab,
} from '@canopy-idp/plugin-scaffolder-backend-module-canopy/testUtils';

const TOKEN = 'scm-test-token';
const ARGO_TOKEN = 'argocd-test-token';
const SA_TOKEN = 'cluster-test-token';
const WEBHOOK_SECRET = 'delivery-webhook-secret';

/**
 * A one-step template (it only logs) for the tasks that the test's own pull
 * requests are opened for: the delivery backend records a request only for a
 * task of the requester's and a pull request carrying that task's marker.
 */
const TASK_TEMPLATE = path.join(
  mkdtempSync(path.join(tmpdir(), 'canopy-delivery-')),
  'template.yaml',
);
writeFileSync(
  TASK_TEMPLATE,
  JSON.stringify({
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name: 'delivery-test-task', title: 'Delivery test task' },
    spec: {
      owner: 'group:default/team-a',
      type: 'service',
      parameters: [],
      steps: [
        {
          id: 'log',
          name: 'Log',
          action: 'debug:log',
          input: { message: 'a task the test opens pull requests for' },
        },
      ],
    },
  }),
);

/** Where Canopy's GitHub workflow is written. */
export const WORKFLOW = '.github/workflows/canopy-terraform.yaml';

export type Notification = {
  payload: { title: string; description?: string; link?: string };
};

/** `kind:namespace/name` as entityTag takes it. */
const parseRef = (ref: string) => {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return { kind, namespace, name };
};

/** A request's stage of this name. */
export const stage = (r: DeliveryRequest, name: DeliveryStage['name']) =>
  r.stages.find(s => s.name === name)!;

/** The notifications with this title. */
export const titled = (all: Notification[], title: string) =>
  all.filter(n => n.payload.title === title);

/** The world and its helpers; `start` before the tests, `stop` after. */
export function deliveryHarness() {
  const prefix = `canopy_delivery_${randomBytes(4).toString('hex')}_`;
  const replicas: Array<Awaited<ReturnType<typeof startCanopyBackend>>> = [];
  const servers: string[] = [];
  const github = new FakeGithub('acme', 'infrastructure', TOKEN);
  const gitlab = new FakeGitlab('platform/gitops', TOKEN);
  const argo = new FakeArgoCd(ARGO_TOKEN);
  const kube = new FakeKubernetesApi([], SA_TOKEN);
  let repoUrl: string;

  const api = (method: string, url: string, body?: object, replica = 0) =>
    replicas[replica].api(method, url, body);

  const getRequest = async (id: string, replica = 0) =>
    (await api('GET', `delivery/requests/${id}`, undefined, replica))
      .body as DeliveryRequest;

  /** Waits until the request satisfies `ready`; tells which stage it is in when it gives up. */
  async function untilRequest(
    id: string,
    what: string,
    ready: (r: DeliveryRequest) => boolean,
  ): Promise<DeliveryRequest> {
    let last: DeliveryRequest | undefined;
    try {
      return await until(what, async () => {
        last = await getRequest(id, last ? 1 : 0);
        return ready(last) ? last : undefined;
      });
    } catch (error) {
      throw new Error(
        `${(error as Error).message}; last seen: ${JSON.stringify(
          last?.stages,
        )}`,
      );
    }
  }

  /** Waits until each stage named in `states` is in the state it names. */
  const untilStages = (
    id: string,
    what: string,
    states: Record<string, DeliveryStage['state']>,
  ) =>
    untilRequest(id, what, r =>
      Object.entries(states).every(
        ([name, state]) => stage(r, name).state === state,
      ),
    );

  /**
   * GitHub tells the portal something happened in the repository, through
   * the events backend's GitHub module: signed as GitHub signs, or with
   * `signature` in place of the right one. The portal's answer.
   */
  async function postGithubEvent(
    event: string,
    replica = 0,
    signature?: string,
  ) {
    const body = JSON.stringify({
      action: 'completed',
      repository: {
        full_name: `${github.owner}/${github.name}`,
        html_url: `http://127.0.0.1:${github.port}/${github.owner}/${github.name}`,
      },
    });
    return fetch(`${replicas[replica].baseUrl}/api/events/http/github`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-GitHub-Event': event,
        'X-Hub-Signature-256':
          signature ??
          `sha256=${createHmac('sha256', WEBHOOK_SECRET)
            .update(body)
            .digest('hex')}`,
      },
      body,
    });
  }

  /** A signed GitHub delivery, which the portal accepts (202). */
  async function githubWebhook(event: string, replica = 0) {
    const res = await postGithubEvent(event, replica);
    assert.equal(res.status, 202, await res.text());
  }

  async function notifications(): Promise<Notification[]> {
    const res = await api('GET', 'notifications/notifications?limit=500');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.notifications;
  }

  /** Waits until each title has been notified (a notification follows the change it tells of). */
  const untilNotified = (titles: string[]) =>
    until(`the notifications ${titles.join(', ')}`, async () => {
      const all = await notifications();
      return titles.every(t => titled(all, t).length) ? all : undefined;
    });

  async function runTemplate(name: string, values: object) {
    const created = await api('POST', 'scaffolder/v2/tasks', {
      templateRef: `template:default/${name}`,
      values: { ...values, repoUrl },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const task = await until(
      `the ${name} task to end`,
      async () => {
        const t = await api('GET', `scaffolder/v2/tasks/${created.body.id}`);
        return ['completed', 'failed', 'cancelled'].includes(t.body.status)
          ? t.body
          : undefined;
      },
      1200,
    );
    const events = await api('GET', `scaffolder/v2/tasks/${task.id}/events`);
    const log = events.body
      .map((e: any) => e.body?.message)
      .filter(Boolean)
      .join('\n');
    assert.equal(task.status, 'completed', log.slice(-3000));
    return task.id as string;
  }

  /** The request the task recorded, for the signed-in user. */
  async function requestOfTask(taskId: string): Promise<DeliveryRequest> {
    return until(`the request of task ${taskId}`, async () => {
      const mine = await api('GET', 'delivery/requests?mine=true');
      return (mine.body.items as DeliveryRequest[]).find(
        r => r.taskId === taskId,
      );
    });
  }

  /** Pull request URL -> the guest's task that opened it. */
  const taskOfPull = new Map<string, string>();

  /** A scaffolder task of the guest's (the one-step template TASK_TEMPLATE). */
  async function guestTask(): Promise<string> {
    const created = await api('POST', 'scaffolder/v2/tasks', {
      templateRef: 'template:default/delivery-test-task',
      values: {},
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body.id;
  }

  /**
   * Opens a pull request in the loopback GitHub with the pull-request
   * action's own client, for a new task of the guest's (its marker in the body).
   */
  async function openGithubPull(title: string) {
    const taskId = await guestTask();
    const opened = await github.openPullRequest(title, { taskId });
    taskOfPull.set(opened.url, taskId);
    return opened;
  }

  /** Opens a merge request in the loopback GitLab, likewise. */
  async function openGitlabMerge(title: string) {
    const taskId = await guestTask();
    const opened = await gitlab.openPullRequest(title, { taskId });
    taskOfPull.set(opened.url, taskId);
    return opened;
  }

  /**
   * Records a request as the scaffolder's track action does, on behalf of
   * the guest, for the task that opened its pull request.
   */
  async function record(
    body: { pullRequestUrl: string } & Record<string, unknown>,
    replica = 0,
  ) {
    const taskId = taskOfPull.get(body.pullRequestUrl);
    assert.ok(taskId, `no task opened ${body.pullRequestUrl}`);
    const res = await api(
      'POST',
      'delivery/requests',
      { taskId, ...body },
      replica,
    );
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body as DeliveryRequest;
  }

  /**
   * Opens a pull request (GitHub, or a merge request in GitLab) and records
   * the request that follows it, as the track action does after Create.
   */
  async function openRequest(
    title: string,
    entityRef: string,
    expected?: Record<string, unknown>,
    {
      via = 'github',
      replica = 0,
    }: { via?: 'github' | 'gitlab'; replica?: number } = {},
  ) {
    const pull =
      via === 'github'
        ? await openGithubPull(title)
        : await openGitlabMerge(title);
    const request = await record(
      {
        title,
        entityRef,
        pullRequestUrl: pull.url,
        ...(expected && { expected }),
      },
      replica,
    );
    return { pull, request };
  }

  /** A server in the test bed's demo project, tagged as Canopy's Terraform tags it for the entity. */
  async function createTaggedServerFor(name: string, entityRef: string) {
    const id = await createTaggedServer(name, entityTag(parseRef(entityRef)));
    servers.push(id);
    return id;
  }

  /** Starts the fakes and the two replicas; waits for the templates in the catalog. */
  async function start() {
    testbedSeed();
    for (const fake of [github, gitlab, argo, kube]) await fake.start();
    repoUrl = github.repoUrl;
    const config = {
      integrations: {
        github: [github.integration()],
        gitlab: [gitlab.integration()],
      },
      scaffolder: {
        defaultAuthor: { name: 'Canopy', email: 'canopy@example.invalid' },
      },
      canopy: { permissionPolicy: 'allow-all' },
      // GitHub's deliveries reach delivery through the events backend's
      // GitHub module, which checks their signature with this secret.
      events: { modules: { github: { webhookSecret: WEBHOOK_SECRET } } },
      kubernetes: kube.kubernetesConfig(),
      openstack: {
        requestTimeoutMs: 10000,
        retries: 1,
        cache: { resourcesTtlSeconds: 1 },
        clouds: [
          labCloud(testbedAuth().demo.auth_url, {
            horizonUrl: 'https://horizon.lab.example/dashboard',
          }),
        ],
      },
      delivery: {
        // Both replicas run the advancer; the scheduler lets one at a time.
        schedule: {
          frequency: { seconds: 2 },
          timeout: { minutes: 2 },
          initialDelay: { seconds: 1 },
        },
        backoff: { initialSeconds: 1, maxSeconds: 2 },
        argocd: {
          instances: [
            { name: 'lab', url: argo.url, token: ARGO_TOKEN },
            // An instance that does not answer: its stages stay unknown.
            { name: 'down', url: 'http://127.0.0.1:9', token: ARGO_TOKEN },
          ],
        },
        // As in app-config.testbed.yaml: the guest's team A owns its
        // namespaces team-a-* and its AppProject, and the repositories here.
        tenancy: {
          repositories: [
            {
              repository: github.repository,
              owners: ['group:default/team-a'],
            },
            {
              repository: `127.0.0.1:${gitlab.port}/platform/*`,
              owners: ['group:default/team-a'],
            },
          ],
          namespaces: [
            { namespace: 'team-a-*', owners: ['group:default/team-a'] },
          ],
          argoCdProjects: [
            { project: 'team-a', owners: ['group:default/team-a'] },
          ],
        },
      },
    };
    const database = postgresDatabase(prefix);
    const locations = [
      {
        type: 'file',
        target: TASK_TEMPLATE,
        rules: [{ allow: ['Template'] }],
      },
    ];
    replicas.push(await startCanopyBackend({ database, config, locations }));
    replicas.push(await startCanopyBackend({ database, config, locations }));
    await until('the templates in the catalog', async () => {
      const res = await api(
        'GET',
        'catalog/entities/by-query?filter=kind=template&limit=100',
      );
      const names = res.body.items.map((e: any) => e.metadata.name);
      return [
        'openstack-virtual-machines',
        'environments',
        'delivery-test-task',
      ].every(n => names.includes(n))
        ? names
        : undefined;
    });
  }

  /** Deletes the servers it created and stops everything. */
  async function stop() {
    await deleteServers(servers);
    await Promise.all(replicas.map(r => r.stop()));
    for (const fake of [github, gitlab, argo, kube]) await fake?.stop();
    await dropDatabases(prefix);
  }

  return {
    replicas,
    servers,
    github,
    gitlab,
    argo,
    kube,
    api,
    getRequest,
    untilRequest,
    untilStages,
    githubWebhook,
    postGithubEvent,
    notifications,
    untilNotified,
    runTemplate,
    requestOfTask,
    openGithubPull,
    openGitlabMerge,
    record,
    openRequest,
    createTaggedServerFor,
    start,
    stop,
  };
}
