/**
 * The requests API against its OpenAPI document: requests go through
 * @backstage/backend-openapi-utils' validating proxy (wrapServer), which
 * checks every request and every response against the spec, errors included.
 * The store is the real one on SQLite; the repository, expectations and task
 * checks are the rules' own stand-ins (their tests are elsewhere).
 */
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { wrapServer } from '@backstage/backend-openapi-utils/testUtils';
import { ConfigReader } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import express from 'express';
import request from 'supertest';
import { requestBody } from '../__testUtils__/requests';
import { sqliteStore, storeDatabases } from '../__testUtils__/testbeds';
import type { ExpectationsCheck } from './checkExpectations';
import { createRouter } from './createRouter';
import { useLoopbackLocalhost } from '@canopy-idp/plugin-openstack-node/testUtils';

useLoopbackLocalhost();

const databases = storeDatabases();
const GUEST = 'user:default/guest';

async function start() {
  const store = await sqliteStore(databases);
  const config = new ConfigReader({
    integrations: {
      github: [{ host: 'github.example', token: 'not-used' }],
    },
  });
  const expectations = {
    // The repository rule, as its own tests show it: team-b's is not ours.
    checkRepository: async (repo: { owner: string }) => {
      if (repo.owner === 'team-b') {
        throw new NotAllowedError(
          `${GUEST} does not own repository 'github.example/team-b/infra' (rule: repositories)`,
        );
      }
    },
    check: async () => undefined,
  } as unknown as ExpectationsCheck;
  const router = await createRouter({
    store,
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.user(GUEST),
    }),
    userInfo: mockServices.userInfo({
      userEntityRef: GUEST,
      ownershipEntityRefs: [GUEST],
    }),
    integrations: ScmIntegrations.fromConfig(config),
    expectations,
    binding: { check: async () => undefined },
  });
  const app = express();
  app.use(router);
  app.use(
    MiddlewareFactory.create({
      config,
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return wrapServer(app);
}

const body = (taskId: string, owner = 'acme') =>
  requestBody({
    taskId,
    pullRequestUrl: `https://github.example/${owner}/infra/pull/7`,
  });

describe('the delivery router, validated against openapi.yaml', () => {
  it('records a request, lists it and answers it, each as documented', async () => {
    const server = await start();
    const created = await request(server)
      .post('/requests')
      .send(body('task-1'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      requester: GUEST,
      entityRef: 'resource:default/web',
      currentStage: 'pull-request',
      state: 'open',
    });
    const mine = await request(server).get('/requests?mine=true');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((r: any) => r.id)).toEqual([created.body.id]);
    const byEntity = await request(server).get(
      `/requests?entityRef=${encodeURIComponent('resource:default/web')}`,
    );
    expect(byEntity.body.items).toHaveLength(1);
    const one = await request(server).get(`/requests/${created.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body.stages.map((s: any) => s.name)).toEqual([
      'pull-request',
      'pipeline',
      'openstack',
    ]);
  });

  it('answers refusals and bad input with the documented error shape', async () => {
    const server = await start();
    const theirs = await request(server)
      .post('/requests')
      .send(body('task-2', 'team-b'));
    expect(theirs.status).toBe(403);
    expect(theirs.body.error.message).toContain('(rule: repositories)');
    const both = await request(server).get(
      `/requests?mine=true&entityRef=${encodeURIComponent(
        'resource:default/web',
      )}`,
    );
    expect(both.status).toBe(400);
    expect(both.body.error.message).toContain('give exactly one of');
    const missing = await request(server).get('/requests/no-such-request');
    expect(missing.status).toBe(404);
    // The spec's own rule, before the handler: a body without its title.
    const { title: _title, ...untitled } = body('task-3');
    const invalid = await request(server).post('/requests').send(untitled);
    expect(invalid.status).toBe(400);
  });
});
