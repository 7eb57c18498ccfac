import type {
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import type {
  CreateDeliveryRequest,
  DeliveryRequestList,
} from '@canopy-idp/plugin-delivery-common';
import express from 'express';
import { randomUUID } from 'node:crypto';
import { parsePullRequestUrl } from '../observers/pullRequestUrl';
import { spec } from '../schema/openapi.generated';
import { stagesFor } from '../stages/plan';
import type { RequestStore } from '../store/RequestStore';
import { publicView, type StoredRequest } from '../store/types';

export interface RouterOptions {
  store: RequestStore;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  integrations: ScmIntegrationRegistry;
  /** Called after a request is recorded, to look at it at once. */
  onRecorded?: (request: StoredRequest) => void;
}

function entityRefOf(field: string, value: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(value));
  } catch (error) {
    throw new InputError(
      `${field}: '${value}' is not an entity reference like resource:default/name (${
        (error as Error).message
      })`,
    );
  }
}

/** The requests API: record a request, list the user's or an entity's, get one. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { store, httpAuth, userInfo, integrations } = options;
  const router = await createValidatedOpenApiRouter<typeof spec>(spec);
  router.use(express.json({ limit: '1mb' }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.post('/requests', async (req, res) => {
    // Recorded for the user who ran the template: the scaffolder action calls
    // on the user's behalf, so the requester is never taken from the body.
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const user = await userInfo.getUserInfo(credentials);
    const body = req.body as CreateDeliveryRequest;
    const now = new Date().toISOString();
    const expected = body.expected ?? {};
    if (expected.openstack) {
      expected.openstack.entityRef = entityRefOf(
        'expected.openstack.entityRef',
        expected.openstack.entityRef,
      );
    }
    const request: StoredRequest = {
      id: randomUUID(),
      taskId: body.taskId,
      ...(body.templateRef ? { templateRef: body.templateRef } : {}),
      title: body.title,
      requester: user.userEntityRef,
      requesterOwnership: user.ownershipEntityRefs,
      entityRef: entityRefOf('entityRef', body.entityRef),
      pullRequest: parsePullRequestUrl(body.pullRequestUrl, integrations),
      expected,
      state: 'open',
      stages: stagesFor(expected, now),
      currentStage: 'pull-request',
      facts: {},
      version: 0,
      attempts: 0,
      nextCheckAt: now,
      createdAt: now,
      updatedAt: now,
    };
    const stored = await store.insert(request);
    options.onRecorded?.(stored);
    res.status(201).json(publicView(stored));
  });

  router.get('/requests', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { mine, entityRef } = req.query;
    if (Boolean(mine) === Boolean(entityRef)) {
      throw new InputError(
        'query: give exactly one of mine=true or entityRef=<entity reference>',
      );
    }
    let items: StoredRequest[];
    if (mine) {
      if (credentials.principal.type !== 'user') {
        throw new InputError('mine: only a signed-in user has own requests');
      }
      items = await store.listByRequester(credentials.principal.userEntityRef);
    } else {
      items = await store.listByEntity(
        entityRefOf('entityRef', String(entityRef)),
      );
    }
    const list: DeliveryRequestList = { items: items.map(publicView) };
    res.json(list);
  });

  router.get('/requests/:id', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const request = await store.get(req.params.id);
    if (!request)
      throw new NotFoundError(`No request with id ${req.params.id}`);
    res.json(publicView(request));
  });

  return router;
}
