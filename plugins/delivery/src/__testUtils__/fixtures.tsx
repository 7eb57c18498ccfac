import type { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type {
  DeliveryApi,
  DeliveryRequest,
  DeliveryRequestList,
  DeliveryStage,
} from '@canopy-idp/plugin-delivery-common';
import { deliveryApiRef } from '../api';

const MINUTE = 60_000;

/** A test's timeout, generous: a loaded 2-core machine renders these pages slowly. */
export const SLOW = 120_000;

/** An ISO time `minutes` before now. */
export const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * MINUTE).toISOString();

/** The test bed's `payments` component. */
export const paymentsEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'experimental', owner: 'canopy-team' },
};

/** A stage with no links. */
export const stage = (
  name: DeliveryStage['name'],
  state: DeliveryStage['state'],
  extra: Partial<DeliveryStage> = {},
): DeliveryStage => ({ name, state, links: [], ...extra });

/** The pull request that asked for `payments`: canopy/payments#42 on GitHub. */
export const paymentsPullRequest: DeliveryRequest['pullRequest'] = {
  url: 'https://github.com/canopy/payments/pull/42',
  provider: 'github',
  host: 'github.com',
  owner: 'canopy',
  repo: 'payments',
  number: 42,
};

/** A request for `payments`, open at Argo CD, made 20 minutes ago. */
export function paymentsRequest(
  extra: Partial<DeliveryRequest> = {},
): DeliveryRequest {
  return {
    id: 'req-1',
    taskId: 'task-1',
    templateRef: 'template:default/service',
    title: 'Create payments',
    requester: 'user:default/guest',
    entityRef: 'component:default/payments',
    pullRequest: paymentsPullRequest,
    expected: {
      argoCdApplications: [{ name: 'payments' }],
      kroInstances: [
        {
          apiVersion: 'kro.run/v1alpha1',
          kind: 'WebApp',
          namespace: 'payments',
          name: 'payments-web',
        },
      ],
      openstack: {
        cloud: 'lab',
        project: 'payments',
        region: 'RegionOne',
        entityRef: 'component:default/payments',
        estimatedCost: {
          currency: 'EUR',
          hourly: 9.79 / 730,
          monthly: 9.79,
          source: {
            kind: 'priceList',
            detail: "the price list of cloud 'lab'",
            at: '2026-12-07T12:00:00.000Z',
          },
        },
      },
    },
    state: 'open',
    currentStage: 'argocd',
    stages: [
      stage('pull-request', 'succeeded', {
        startedAt: minutesAgo(20),
        finishedAt: minutesAgo(16),
        message: 'Merged by alice',
        links: [
          {
            title: 'Pull request #42',
            url: 'https://github.com/canopy/payments/pull/42',
          },
        ],
      }),
      stage('argocd', 'running', {
        startedAt: minutesAgo(3),
        message: 'Progressing: 1 of 3 resources healthy',
        links: [
          {
            title: 'Argo CD application payments',
            url: 'https://argocd.example.com/applications/payments',
          },
        ],
      }),
      stage('kro', 'pending'),
      stage('openstack', 'pending'),
    ],
    createdAt: minutesAgo(20),
    updatedAt: minutesAgo(1),
    ...extra,
  };
}

/** What a fake DeliveryApi answers: a list, an error, or one after the other. */
type Answer = DeliveryRequest[] | Error;

/** The answers of a fake DeliveryApi, one per call, to each kind of list. */
export type FakeAnswers = { mine?: Answer[]; entity?: Answer[] };

/**
 * A DeliveryApi answering from lists: each call takes the next answer, the
 * last one is repeated. Records each call.
 */
export function fakeDeliveryApi(answers: FakeAnswers = {}) {
  const calls: string[] = [];
  const next = async (
    queue: Answer[] | undefined,
    count: number,
  ): Promise<DeliveryRequestList> => {
    const answer = queue?.[Math.min(count, (queue?.length ?? 1) - 1)] ?? [];
    if (answer instanceof Error) {
      throw answer;
    }
    return { items: answer };
  };
  let mine = 0;
  let entity = 0;
  const api: DeliveryApi = {
    listMyRequests: () => {
      calls.push('mine');
      return next(answers.mine, mine++);
    },
    listEntityRequests: entityRef => {
      calls.push(`entity ${entityRef}`);
      return next(answers.entity, entity++);
    },
    checkRepository: async host => {
      throw new Error(`unexpected checkRepository(${host})`);
    },
    getRequest: async id => {
      throw new Error(`unexpected getRequest(${id})`);
    },
    createRequest: async () => {
      throw new Error('unexpected createRequest');
    },
  };
  return { api, calls };
}

export { backendError } from '@canopy-idp/frontend-common/testUtils';

/**
 * Renders an element over a fake DeliveryApi with the given answers, inside
 * `entity`'s page when one is given; resolves to the API's calls.
 */
export async function renderWithFakeApi(
  element: ReactElement,
  answers: FakeAnswers,
  options: { entity?: Entity; routeEntries?: string[] } = {},
) {
  const { entity, routeEntries } = options;
  const { api, calls } = fakeDeliveryApi(answers);
  await renderInTestApp(
    <TestApiProvider apis={[[deliveryApiRef, api]]}>
      {entity ? (
        <EntityProvider entity={entity}>{element}</EntityProvider>
      ) : (
        element
      )}
    </TestApiProvider>,
    {
      routeEntries,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return calls;
}
