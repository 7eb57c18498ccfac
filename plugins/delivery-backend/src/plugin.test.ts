import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
  createServiceFactory,
  type BackendFeature,
} from '@backstage/backend-plugin-api';
import { deliveryObserversExtensionPoint } from '@canopy-idp/plugin-delivery-node';
import { fakeCloudConfig } from '@canopy-idp/plugin-openstack-node/testUtils';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { requestBody } from './__testUtils__/requests';
import { Octokit } from '@octokit/rest';
import express from 'express';
import request from 'supertest';
import {
  FakeGithub,
  GithubPullRequests,
} from '@canopy-idp/plugin-scaffolder-backend-module-canopy/testUtils';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsModuleDeliveryArgoCd } from './events/argoCdIngress';
import { deliveryPlugin } from './plugin';

const sent: NotificationSendOptions[] = [];
const notifications = createServiceFactory({
  service: notificationService,
  deps: {},
  factory: () => ({
    send: async (n: NotificationSendOptions) => {
      sent.push(n);
    },
  }),
});

/** Scaffolder tasks: id -> the user who created it. */
const tasks = new Map<string, string>();
/** The scaffolder's task API as the delivery backend reads it (GET /v2/tasks/:id). */
const scaffolder = createBackendPlugin({
  pluginId: 'scaffolder',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const router = express.Router();
        router.get('/v2/tasks/:id', (req, res) => {
          const createdBy = tasks.get(req.params.id);
          if (!createdBy)
            res.status(404).json({ error: { name: 'NotFoundError' } });
          else res.json({ id: req.params.id, status: 'processing', createdBy });
        });
        httpRouter.use(router);
      },
    });
  },
});

const TOKEN = 'ghp-test-token';
const github = new FakeGithub('acme', 'infra', TOKEN);
beforeAll(() => github.start());
afterAll(() => github.stop());

/** Pull request URLs by task. */
const opened = new Map<string, string>();
/**
 * A scaffolder task of `createdBy` and the pull request it opened in the
 * loopback GitHub (with the pull-request action's own client, which marks it
 * with the task): the task id and the pull request's URL.
 */
async function taskWithPull(taskId: string, createdBy = 'user:default/guest') {
  tasks.set(taskId, createdBy);
  if (!opened.has(taskId)) {
    const pr = await new GithubPullRequests(
      new Octokit({ auth: TOKEN, baseUrl: github.apiBaseUrl }),
      'acme',
      'infra',
    ).open({
      files: { [`openstack/${taskId}/main.tf`]: Buffer.from('# web\n') },
      branch: `canopy/web-${taskId}`,
      taskId,
      title: 'Add OpenStack servers web',
      body: 'Adds web',
      commitMessage: 'Add OpenStack servers web',
      author: { name: 'Canopy', email: 'canopy@example.invalid' },
      labels: [],
      reviewers: [],
      draft: false,
    });
    opened.set(taskId, pr.url);
  }
  return { taskId, pullRequestUrl: opened.get(taskId)! };
}

const body = requestBody({
  templateRef: 'template:default/openstack-virtual-machines',
});

/**
 * The delivery plugin in a test backend with the events backend and
 * delivery's Argo CD ingress (the events backend's GitHub module, which checks
 * GitHub's signatures, loads itself with a dynamic import Jest cannot run: the
 * backend's end-to-end tests send it signed deliveries); `extra` adds to the
 * configuration (`delivery` settings are merged into delivery's own).
 */
async function start(
  extra: {
    delivery?: object;
    events?: object;
    features?: BackendFeature[];
  } = {},
) {
  const { server } = await startTestBackend({
    features: [
      ...(extra.features ?? []),
      deliveryPlugin,
      eventsPlugin,
      eventsModuleDeliveryArgoCd,
      scaffolder,
      notifications,
      // The catalog the requester's teams are read from (the guest is not in it).
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({
        data: {
          integrations: {
            github: [github.integration()],
          },
          delivery: {
            // The guest's repositories in the loopback GitHub.
            tenancy: {
              repositories: [
                {
                  repository: `127.0.0.1:${github.port}/acme/*`,
                  owners: ['user:default/guest'],
                },
              ],
            },
            ...extra.delivery,
          },
          openstack: {
            clouds: [
              fakeCloudConfig({
                authUrl: 'http://127.0.0.1:9/v3',
                projects: [
                  { name: 'demo', owners: ['user:default/guest'] },
                  { name: 'team-b', owners: ['group:default/team-b'] },
                ],
              }),
            ],
          },
        },
      }),
    ],
  });
  return server;
}

const asUser = (ref = 'user:default/guest') => mockCredentials.user.header(ref);

describe('deliveryPlugin', () => {
  it('records a request for the user who ran the template, once per task', async () => {
    const server = await start();
    const task = await taskWithPull('task-1');
    const first = await request(server)
      .post('/api/delivery/requests')
      .set('Authorization', asUser())
      .send({ ...body, ...task });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      taskId: 'task-1',
      requester: 'user:default/guest',
      entityRef: 'resource:default/web',
      state: 'open',
      currentStage: 'pull-request',
      pullRequest: {
        provider: 'github',
        host: `127.0.0.1:${github.port}`,
        owner: 'acme',
        repo: 'infra',
        url: task.pullRequestUrl,
      },
    });
    expect(
      first.body.stages.map((s: { name: string; state: string }) => [
        s.name,
        s.state,
      ]),
    ).toEqual([
      ['pull-request', 'running'],
      ['pipeline', 'pending'],
      ['openstack', 'pending'],
    ]);
    // Internal bookkeeping stays inside the backend.
    expect(first.body).not.toHaveProperty('requesterOwnership');
    expect(first.body).not.toHaveProperty('version');

    const again = await request(server)
      .post('/api/delivery/requests')
      .set('Authorization', asUser())
      .send({ ...body, ...task, title: 'retried step' });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.title).toBe(body.title);

    const mine = await request(server)
      .get('/api/delivery/requests?mine=true')
      .set('Authorization', asUser());
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([
      first.body.id,
    ]);
    const others = await request(server)
      .get('/api/delivery/requests?mine=true')
      .set('Authorization', asUser('user:default/someone-else'));
    expect(others.body.items).toEqual([]);
    const byEntity = await request(server)
      .get(
        `/api/delivery/requests?entityRef=${encodeURIComponent(
          'resource:default/web',
        )}`,
      )
      .set('Authorization', asUser('user:default/someone-else'));
    // Only the requester and the requester's groups see a request.
    expect(byEntity.body).toEqual({ items: [] });
    const mineByEntity = await request(server)
      .get(
        `/api/delivery/requests?entityRef=${encodeURIComponent(
          'resource:default/web',
        )}`,
      )
      .set('Authorization', asUser());
    expect(mineByEntity.body).toMatchObject({ items: [{ id: first.body.id }] });
    const refused = await request(server)
      .get(`/api/delivery/requests/${first.body.id}`)
      .set('Authorization', asUser('user:default/someone-else'));
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(
      /rule: a request is shown to its requester and to the members of the requester's groups/,
    );
    const one = await request(server)
      .get(`/api/delivery/requests/${first.body.id}`)
      .set('Authorization', asUser());
    expect(one.body.id).toBe(first.body.id);
  });

  it("refuses a user's request over the open-request cap with a 429 naming the setting; the same task is still answered", async () => {
    const server = await start({ delivery: { maxOpenRequestsPerUser: 2 } });
    const post = async (taskId: string) =>
      request(server)
        .post('/api/delivery/requests')
        .set('Authorization', asUser())
        .send({ ...body, ...(await taskWithPull(taskId)) });
    expect((await post('task-1')).status).toBe(201);
    expect((await post('task-2')).status).toBe(201);
    const third = await post('task-3');
    expect(third.status).toBe(429);
    expect(third.body.error.message).toBe(
      'user:default/guest has 2 open delivery requests, the most one user may have (delivery.maxOpenRequestsPerUser); record this one when one of them has ended',
    );
    // A retried step of a task already recorded is not a new request.
    expect((await post('task-2')).status).toBe(201);
    const mine = await request(server)
      .get('/api/delivery/requests?mine=true')
      .set('Authorization', asUser());
    expect(mine.body.items).toHaveLength(2);
  });

  it('binds a request to a task the requester created and to the pull request that task opened', async () => {
    const server = await start();
    const post = (fields: object) =>
      request(server)
        .post('/api/delivery/requests')
        .set('Authorization', asUser())
        .send({ ...body, ...fields });
    const rule =
      '(rule: a delivery request is recorded only for a scaffolder task its requester created, and only for the pull request that task opened)';
    const mine = await taskWithPull('task-own');
    const theirs = await taskWithPull('task-theirs', 'user:default/bob');

    // A made-up task id, and another user's task with its own pull request.
    const madeUp = await post({ ...mine, taskId: 'made-up' });
    expect(madeUp.status).toBe(403);
    expect(madeUp.body.error.message).toBe(
      `taskId: 'made-up' is not a scaffolder task user:default/guest created ${rule}`,
    );
    const bobs = await post(theirs);
    expect(bobs.status).toBe(403);
    expect(bobs.body.error.message).toBe(
      `taskId: 'task-theirs' is not a scaffolder task user:default/guest created ${rule}`,
    );
    // The guest's own task with a pull request it did not open: another
    // task's, and one that does not exist answer alike.
    const otherPull = await post({
      ...mine,
      pullRequestUrl: theirs.pullRequestUrl,
    });
    expect(otherPull.status).toBe(403);
    expect(otherPull.body.error.message).toBe(
      `pullRequestUrl: ${theirs.pullRequestUrl} is not a pull request task 'task-own' opened ${rule}`,
    );
    const missing = mine.pullRequestUrl.replace(/\/pull\/\d+$/, '/pull/9999');
    const noPull = await post({ ...mine, pullRequestUrl: missing });
    expect(noPull.status).toBe(403);
    expect(noPull.body.error.message).toBe(
      `pullRequestUrl: ${missing} is not a pull request task 'task-own' opened ${rule}`,
    );
    const none = await request(server)
      .get('/api/delivery/requests?mine=true')
      .set('Authorization', asUser());
    expect(none.body.items).toEqual([]);

    expect((await post(mine)).status).toBe(201);
  });

  it('refuses bad input with the field and the rule, and records nothing', async () => {
    const server = await start();
    const task = await taskWithPull('task-1');
    const kroInstance = {
      apiVersion: 'kro.run/v1alpha1',
      kind: 'WebApplication',
      namespace: 'Not_A_Namespace',
      name: 'web',
    };
    const refusals: Array<[string, object, number, RegExp]> = [
      [
        'a URL of no configured integration',
        { pullRequestUrl: 'https://elsewhere.example/a/b/pull/1' },
        400,
        /^pullRequestUrl: .* not a pull or merge request of a configured GitHub or GitLab integration/,
      ],
      ['a broken entity ref', { entityRef: 'resource:' }, 400, /^entityRef: /],
      [
        'a namespace Kubernetes would refuse',
        { expected: { kroInstances: [kroInstance] } },
        400,
        /namespace/,
      ],
      [
        "another team's OpenStack project",
        {
          expected: {
            openstack: {
              cloud: 'lab',
              project: 'team-b',
              entityRef: 'resource:default/web',
            },
          },
        },
        403,
        /^expected\.openstack\.project: user:default\/guest does not own project 'team-b' \(rule: /,
      ],
      [
        'an object outside the kro.run API group',
        {
          expected: {
            kroInstances: [
              {
                apiVersion: 'v1/v1',
                kind: 'Secret',
                namespace: 'dev',
                name: 'db',
              },
            ],
          },
        },
        400,
        /^expected\.kroInstances\[0\]\.apiVersion: .* \(rule: only objects of the kro\.run API group are read\)/,
      ],
      [
        // A well-formed KRO instance, in a namespace nobody mapped to the guest.
        'a namespace of no team of the user',
        { expected: { kroInstances: [{ ...kroInstance, namespace: 'dev' }] } },
        403,
        /^expected\.kroInstances\[0\]\.namespace: user:default\/guest does not own namespace 'dev' \(rule: KRO instances are read only in a namespace/,
      ],
    ];
    for (const [what, fields, status, message] of refusals) {
      const res = await request(server)
        .post('/api/delivery/requests')
        .set('Authorization', asUser())
        .send({ ...body, ...task, ...fields });
      expect({ what, status: res.status }).toEqual({ what, status });
      expect(res.body.error.message).toMatch(message);
    }
    const neither = await request(server)
      .get('/api/delivery/requests')
      .set('Authorization', asUser());
    expect(neither.status).toBe(400);
    expect(neither.body.error.message).toMatch(
      /exactly one of mine=true or entityRef/,
    );
    const mine = await request(server)
      .get('/api/delivery/requests?mine=true')
      .set('Authorization', asUser());
    expect(mine.body.items).toEqual([]);
  });

  it('records only for a user: a service or anonymous caller is refused', async () => {
    const server = await start();
    const service = await request(server)
      .post('/api/delivery/requests')
      .set('Authorization', mockCredentials.service.header())
      .send({ ...body, ...(await taskWithPull('task-1')) });
    expect(service.status).toBe(403);
    const anonymous = await request(server)
      .post('/api/delivery/requests')
      .set('Authorization', mockCredentials.none.header())
      .send({ ...body, ...(await taskWithPull('task-1')) });
    expect(anonymous.status).toBe(401);
  });

  it("takes Argo CD notifications through the events backend's argocd ingress, with its bearer token", async () => {
    const off = await start();
    const disabled = await request(off)
      .post('/api/events/http/argocd')
      .set('Content-Type', 'application/json')
      .send({ app: 'blog-dev' });
    expect(disabled.status).toBe(404);

    const server = await start({
      delivery: { webhooks: { argocd: { token: 'argo-hook' } } },
    });
    const hook = (token: string) =>
      request(server)
        .post('/api/events/http/argocd')
        .set('Content-Type', 'application/json')
        .set('Authorization', `Bearer ${token}`)
        .send(JSON.stringify({ app: 'blog-dev' }));
    expect((await hook('argo-hook')).status).toBe(202);
    const wrong = await hook('wrong');
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toContain('delivery.webhooks.argocd.token');
  });

  it("tells whether the signed-in user's teams own a repository, for the pull-request action", async () => {
    const server = await start();
    const check = (path: string, auth = asUser()) =>
      request(server)
        .post('/api/delivery/repositories/check')
        .set('Authorization', auth)
        .send({ host: `127.0.0.1:${github.port}`, path });
    expect((await check('acme/infra')).status).toBe(204);
    const theirs = await check('team-b/infra');
    expect(theirs.status).toBe(403);
    expect(theirs.body.error.message).toMatch(
      /^repoUrl: user:default\/guest does not own repository '127\.0\.0\.1:\d+\/team-b\/infra' \(rule: pull requests/,
    );
    const other = await check('acme/infra', asUser('user:default/someone'));
    expect(other.status).toBe(403);
    expect((await check('infra')).status).toBe(400);
    // Only for a user: another backend is refused.
    expect(
      (await check('acme/infra', mockCredentials.service.header())).status,
    ).toBe(403);
  });

  it('answers /health without credentials', async () => {
    const server = await start();
    const res = await request(server).get('/api/delivery/health');
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('adds the stage of an observer a module installs, where the module says, for requests that name it', async () => {
    const flux = createBackendModule({
      pluginId: 'delivery',
      moduleId: 'flux',
      register(env) {
        env.registerInit({
          deps: { observers: deliveryObserversExtensionPoint },
          async init({ observers }) {
            observers.addObserver(
              {
                stage: 'flux',
                system: 'Flux',
                observe: async () => ({ state: 'running' }),
              },
              { after: 'pipeline' },
            );
          },
        });
      },
    });
    const server = await start({ features: [flux] });
    const task = await taskWithPull('task-flux');
    const recorded = await request(server)
      .post('/api/delivery/requests')
      .set('Authorization', asUser())
      .send({
        ...body,
        ...task,
        expected: {
          ...body.expected,
          stages: { flux: { kustomization: 'web' } },
        },
      });
    expect(recorded.status).toBe(201);
    expect(recorded.body.stages.map((s: { name: string }) => s.name)).toEqual([
      'pull-request',
      'pipeline',
      'flux',
      'openstack',
    ]);
    expect(recorded.body.expected.stages).toEqual({
      flux: { kustomization: 'web' },
    });

    // A stage no installed module follows is refused, naming the field.
    const unknown = await request(server)
      .post('/api/delivery/requests')
      .set('Authorization', asUser())
      .send({
        ...body,
        ...(await taskWithPull('task-jenkins')),
        expected: { stages: { jenkins: { job: 'web' } } },
      });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(
      /^expected\.stages\.jenkins: no installed delivery observer follows a stage named jenkins/,
    );
  });
});
