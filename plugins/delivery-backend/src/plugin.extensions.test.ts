import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { deliveryObserversExtensionPoint } from '@canopy-idp/plugin-delivery-node';
import request from 'supertest';
import { deliveryTestBackend } from './__testUtils__/testBackend';

const { github, taskWithPull, start, asUser, body } = deliveryTestBackend();

describe('deliveryPlugin, its other ways in: the Argo CD ingress, the repository check, health, observer modules', () => {
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
