import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { deliveryTestBackend } from './__testUtils__/testBackend';

const { github, taskWithPull, start, asUser, body } = deliveryTestBackend();

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
});
