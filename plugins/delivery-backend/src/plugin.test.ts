import { createServiceFactory } from '@backstage/backend-plugin-api';
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
import { createHmac } from 'node:crypto';
import request from 'supertest';
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

const PR = 'https://github.example/acme/infra/pull/7';
const body = {
  taskId: 'task-1',
  templateRef: 'template:default/openstack-virtual-machines',
  title: 'Add OpenStack servers web',
  entityRef: 'resource:default/web',
  pullRequestUrl: PR,
  expected: {
    pipeline: true,
    openstack: {
      cloud: 'lab',
      project: 'demo',
      region: 'RegionOne',
      entityRef: 'resource:default/web',
    },
  },
};

async function start(webhooks?: object, delivery: object = {}) {
  const { server } = await startTestBackend({
    features: [
      deliveryPlugin,
      notifications,
      // The catalog the requester's teams are read from (the guest is not in it).
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({
        data: {
          integrations: {
            github: [
              {
                host: 'github.example',
                apiBaseUrl: 'http://127.0.0.1:9/api/v3',
                token: 'ghp-test-token',
              },
            ],
          },
          delivery: { ...delivery, ...(webhooks ? { webhooks } : {}) },
          openstack: {
            clouds: [
              {
                name: 'lab',
                authUrl: 'http://127.0.0.1:9/v3',
                applicationCredential: { id: 'app-cred', secret: 'app-secret' },
                projects: [
                  { name: 'demo', owners: ['user:default/guest'] },
                  { name: 'team-b', owners: ['group:default/team-b'] },
                ],
              },
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
    const first = await request(server)
      .post('/api/delivery/requests')
      .set('Authorization', asUser())
      .send(body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      taskId: 'task-1',
      requester: 'user:default/guest',
      entityRef: 'resource:default/web',
      state: 'open',
      currentStage: 'pull-request',
      pullRequest: {
        provider: 'github',
        host: 'github.example',
        owner: 'acme',
        repo: 'infra',
        number: 7,
        url: PR,
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
      .send({ ...body, title: 'retried step' });
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
    const server = await start(undefined, { maxOpenRequestsPerUser: 2 });
    const post = (taskId: string) =>
      request(server)
        .post('/api/delivery/requests')
        .set('Authorization', asUser())
        .send({ ...body, taskId });
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

  it('refuses bad input with the field and the rule, and records nothing', async () => {
    const server = await start();
    const notUrl = await request(server)
      .post('/api/delivery/requests')
      .set('Authorization', asUser())
      .send({
        ...body,
        pullRequestUrl: 'https://elsewhere.example/a/b/pull/1',
      });
    expect(notUrl.status).toBe(400);
    expect(notUrl.body.error.message).toMatch(
      /^pullRequestUrl: .* not a pull or merge request of a configured GitHub or GitLab integration/,
    );
    const badRef = await request(server)
      .post('/api/delivery/requests')
      .set('Authorization', asUser())
      .send({ ...body, entityRef: 'resource:' });
    expect(badRef.status).toBe(400);
    expect(badRef.body.error.message).toMatch(/^entityRef: /);
    const badKro = await request(server)
      .post('/api/delivery/requests')
      .set('Authorization', asUser())
      .send({
        ...body,
        expected: {
          kroInstances: [
            {
              apiVersion: 'kro.run/v1alpha1',
              kind: 'WebApplication',
              namespace: 'Not_A_Namespace',
              name: 'web',
            },
          ],
        },
      });
    expect(badKro.status).toBe(400);
    expect(badKro.body.error.message).toMatch(/namespace/);
    const notMine = await request(server)
      .post('/api/delivery/requests')
      .set('Authorization', asUser())
      .send({
        ...body,
        expected: {
          openstack: {
            cloud: 'lab',
            project: 'team-b',
            entityRef: 'resource:default/web',
          },
        },
      });
    expect(notMine.status).toBe(403);
    expect(notMine.body.error.message).toMatch(
      /^expected\.openstack\.project: user:default\/guest does not own project 'team-b' \(rule: /,
    );
    const notKro = await request(server)
      .post('/api/delivery/requests')
      .set('Authorization', asUser())
      .send({
        ...body,
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
      });
    expect(notKro.status).toBe(400);
    expect(notKro.body.error.message).toMatch(
      /^expected\.kroInstances\[0\]\.apiVersion: .* \(rule: only objects of the kro\.run API group are read\)/,
    );
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
      .send(body);
    expect(service.status).toBe(403);
    const anonymous = await request(server)
      .post('/api/delivery/requests')
      .set('Authorization', mockCredentials.none.header())
      .send(body);
    expect(anonymous.status).toBe(401);
  });

  it('keeps webhooks off until their secret is set, and refuses a wrong signature', async () => {
    const off = await start();
    const disabled = await request(off)
      .post('/api/delivery/webhooks/github')
      .send({ repository: { full_name: 'acme/infra' } });
    expect(disabled.status).toBe(404);

    const on = await start({ github: { secret: 'hook-secret' } });
    const payload = JSON.stringify({
      repository: {
        full_name: 'acme/infra',
        html_url: 'https://github.example/acme/infra',
      },
    });
    const forged = await request(on)
      .post('/api/delivery/webhooks/github')
      .set('Content-Type', 'application/json')
      .set('X-Hub-Signature-256', 'sha256=00')
      .send(payload);
    expect(forged.status).toBe(401);
    const signed = await request(on)
      .post('/api/delivery/webhooks/github')
      .set('Content-Type', 'application/json')
      .set('X-GitHub-Event', 'pull_request')
      .set(
        'X-Hub-Signature-256',
        `sha256=${createHmac('sha256', 'hook-secret')
          .update(payload)
          .digest('hex')}`,
      )
      .send(payload);
    expect(signed.status).toBe(202);
    expect(signed.body).toEqual({ matched: 0 });
  });

  it('the Argo CD webhook advances the open requests that expect the application it names', async () => {
    const server = await start({ argocd: { token: 'argo-hook' } });
    const recorded = await request(server)
      .post('/api/delivery/requests')
      .set('Authorization', asUser())
      .send({
        ...body,
        taskId: 'task-argo',
        expected: { argoCdApplications: [{ name: 'blog-dev' }] },
      });
    expect(recorded.body.error?.message).toBeUndefined();
    const hook = (app: string, token = 'argo-hook') =>
      request(server)
        .post('/api/delivery/webhooks/argocd')
        .set('Content-Type', 'application/json')
        .set('Authorization', `Bearer ${token}`)
        .send(JSON.stringify({ app }));
    expect((await hook('blog-dev')).body).toEqual({ matched: 1 });
    // Only that name: not a prefix, not LIKE's wildcards, not another case.
    for (const other of ['blog', 'blog%', 'blog_dev', 'BLOG-DEV']) {
      expect((await hook(other)).body).toEqual({ matched: 0 });
    }
    expect((await hook('blog-dev', 'wrong')).status).toBe(401);
  });

  it('answers /health without credentials', async () => {
    const server = await start();
    const res = await request(server).get('/api/delivery/health');
    expect(res.body).toEqual({ status: 'ok' });
  });
});
