import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import type {
  CreateDeliveryRequest,
  DeliveryRequestList,
} from '@canopy-idp/plugin-delivery-common';
import type express from 'express';
import { randomUUID } from 'node:crypto';
import { parsePullRequestUrl } from '../observers/pullRequestUrl';
import { deliveryApiSpec as spec } from '@canopy-idp/plugin-delivery-common/spec';
import {
  checkAddedStages,
  openRequest,
  type AddedStage,
  type RecordedRequest,
} from '../stages/plan';
import type { RequestStore } from '../store/RequestStore';
import { publicView, type StoredRequest } from '../store/types';
import type { TaskBinding } from './TaskBinding';
import {
  type ExpectationsCheck,
  type Requester,
  visibleTo,
  VISIBILITY_RULE,
} from './checkExpectations';

export interface RouterOptions {
  store: RequestStore;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  integrations: ScmIntegrationRegistry;
  expectations: ExpectationsCheck;
  /** Binds each request to the scaffolder task that opened its pull request. */
  binding: Pick<TaskBinding, 'check'>;
  /** Most open requests one user may have (`delivery.maxOpenRequestsPerUser`). Default 50. */
  maxOpenRequestsPerUser?: number;
  /** The stages installed modules added (deliveryObserversExtensionPoint). */
  addedStages?: readonly AddedStage[];
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
  const { store, httpAuth, userInfo, integrations, expectations, binding } =
    options;
  // The validated router parses JSON bodies itself.
  const router = await createValidatedOpenApiRouter<typeof spec>(spec);

  /** The signed-in user, or undefined for another backend (which sees every request). */
  const viewer = async (
    req: express.Request<any, any, any, any, any>,
  ): Promise<Requester | undefined> => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (credentials.principal.type !== 'user') return undefined;
    return userInfo.getUserInfo(
      credentials as BackstageCredentials<BackstageUserPrincipal>,
    );
  };

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.post('/requests', async (req, res) => {
    // Recorded for the user who ran the template: the scaffolder action calls
    // on the user's behalf, so the requester is never taken from the body.
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const user = await userInfo.getUserInfo(credentials);
    const body = req.body as CreateDeliveryRequest;
    const addedStages = options.addedStages ?? [];
    checkAddedStages(body.expected ?? {}, addedStages);
    const cap = options.maxOpenRequestsPerUser ?? 50;
    if ((await store.countOpen(user.userEntityRef, body.taskId)) >= cap) {
      res.status(429).json({
        error: {
          name: 'TooManyRequestsError',
          message: `${user.userEntityRef} has ${cap} open delivery requests, the most one user may have (delivery.maxOpenRequestsPerUser); record this one when one of them has ended`,
        },
        request: { method: req.method, url: req.originalUrl },
        response: { statusCode: 429 },
      });
      return;
    }
    const pullRequest = parsePullRequestUrl(body.pullRequestUrl, integrations);
    // Before the portal's token reads anything of it.
    await expectations.checkRepository(pullRequest, user);
    await binding.check({
      taskId: body.taskId,
      pullRequest,
      credentials,
      requester: user.userEntityRef,
    });
    const now = new Date().toISOString();
    const expected = body.expected ?? {};
    await expectations.check(expected, user);
    if (expected.openstack) {
      expected.openstack.entityRef = entityRefOf(
        'expected.openstack.entityRef',
        expected.openstack.entityRef,
      );
    }
    const recorded: RecordedRequest = {
      id: randomUUID(),
      taskId: body.taskId,
      ...(body.templateRef ? { templateRef: body.templateRef } : {}),
      title: body.title,
      requester: user.userEntityRef,
      requesterOwnership: user.ownershipEntityRefs,
      entityRef: entityRefOf('entityRef', body.entityRef),
      pullRequest,
      expected,
    };
    const request = openRequest(recorded, now, addedStages);
    const stored = await store.insert(request);
    if (stored.requester !== request.requester) {
      throw new ConflictError(
        `taskId: task ${body.taskId} is already recorded for someone else`,
      );
    }
    res.status(201).json(publicView(stored));
  });

  router.post('/repositories/check', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const user = await userInfo.getUserInfo(credentials);
    const { host, path } = req.body;
    if (!/^[A-Za-z0-9.-]+(:[0-9]+)?$/.test(host)) {
      throw new InputError(`host: '${host}' is not a host name[:port]`);
    }
    const cut = path.lastIndexOf('/');
    if (cut < 1 || cut === path.length - 1) {
      throw new InputError(
        `path: '${path}' is not owner/name (GitLab: group/subgroup/name)`,
      );
    }
    await expectations.checkRepository(
      { host, owner: path.slice(0, cut), repo: path.slice(cut + 1) },
      user,
      'repoUrl',
    );
    res.status(204).end();
  });

  router.get('/requests', async (req, res) => {
    const who = await viewer(req);
    const { mine, entityRef } = req.query;
    if (Boolean(mine) === Boolean(entityRef)) {
      throw new InputError(
        'query: give exactly one of mine=true or entityRef=<entity reference>',
      );
    }
    let items: StoredRequest[];
    if (mine) {
      if (!who) {
        throw new InputError('mine: only a signed-in user has own requests');
      }
      items = await store.listByRequester(who.userEntityRef);
    } else {
      // Only those the caller may see (VISIBILITY_RULE); the rest are left out.
      items = (
        await store.listByEntity(entityRefOf('entityRef', String(entityRef)))
      ).filter(r => !who || visibleTo(r, who));
    }
    const list: DeliveryRequestList = { items: items.map(publicView) };
    res.json(list);
  });

  router.get('/requests/:id', async (req, res) => {
    const who = await viewer(req);
    const request = await store.get(req.params.id);
    if (!request)
      throw new NotFoundError(`No request with id ${req.params.id}`);
    if (who && !visibleTo(request, who)) {
      throw new NotAllowedError(
        `${who.userEntityRef} may not see request ${request.id} (${VISIBILITY_RULE})`,
      );
    }
    res.json(publicView(request));
  });

  return router;
}
