import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  OpenStackCloudSummary,
  OpenStackCostEstimate,
  OpenStackCostRequest,
  OpenStackEntityResources,
  OpenStackLookup,
  OpenStackProjectRunRate,
  OpenStackSourceStatus,
} from '@canopy-idp/plugin-openstack-common';
import type {
  OpenStackApi,
  OpenStackLookupItems,
  OpenStackLookupName,
  OpenStackQuotaHeadroomResponse,
} from '@canopy-idp/plugin-openstack-common';

/** An answer, a failure, or no answer at all (to see the loading state). */
type Answer<T> = T | Error | 'pending';

export type FakeAnswers = {
  clouds?: Answer<OpenStackCloudSummary[]>;
  lookups?: {
    [L in OpenStackLookupName]?: Answer<
      OpenStackLookup<OpenStackLookupItems[L]>
    >;
  };
  headroom?: Answer<OpenStackQuotaHeadroomResponse>;
  entityResources?: Answer<OpenStackEntityResources>;
  projectRunRate?: Answer<OpenStackProjectRunRate>;
  /** The estimate of each request the form sends. */
  cost?: (request: OpenStackCostRequest) => Answer<OpenStackCostEstimate>;
};

function settle<T>(answer: Answer<T> | undefined, what: string): Promise<T> {
  if (answer === 'pending') {
    return new Promise<T>(() => {});
  }
  if (answer instanceof Error) {
    return Promise.reject(answer);
  }
  if (answer === undefined) {
    return Promise.reject(new Error(`no fake answer for ${what}`));
  }
  return Promise.resolve(answer);
}

/** How a call names its project in `calls`: ` in <project>`, or nothing. */
const inProject = (options?: { project?: string }) =>
  options?.project ? ` in ${options.project}` : '';

/** An OpenStackApi answering from a table, recording each call. */
export function fakeOpenStackApi(answers: FakeAnswers) {
  const calls: string[] = [];
  const api: OpenStackApi = {
    health: async () => ({ status: 'ok' }),
    listClouds: async () => {
      calls.push('clouds');
      return { items: await settle(answers.clouds, 'clouds') };
    },
    lookup: async (cloud, region, lookup, options) => {
      calls.push(`${cloud}/${region}/${lookup}${inProject(options)}`);
      return settle(answers.lookups?.[lookup], lookup) as any;
    },
    quotaHeadroom: async (cloud, region, options) => {
      calls.push(`${cloud}/${region}/quota-headroom${inProject(options)}`);
      return settle(answers.headroom, 'quota-headroom');
    },
    estimateCost: async (cloud, region, request, options) => {
      calls.push(
        `${cloud}/${region}/cost-estimate${inProject(options)} ${JSON.stringify(
          request,
        )}`,
      );
      return settle(answers.cost?.(request), 'cost-estimate');
    },
    projectRunRate: async (cloud, options) => {
      calls.push(`${cloud}/run-rate${inProject(options)}`);
      return settle(answers.projectRunRate, 'run-rate');
    },
    getEntityResources: async entityRef => {
      calls.push(
        `resources of ${
          typeof entityRef === 'string'
            ? entityRef
            : stringifyEntityRef(entityRef)
        }`,
      );
      return settle(answers.entityResources, 'entity resources');
    },
  };
  return { api, calls };
}

/** A look-up answer with every source fine. */
export function lookupOf<T>(
  items: T[],
  extra: Partial<OpenStackLookup<T>> = {},
): OpenStackLookup<T> {
  return { items, truncated: false, sources: [], ...extra };
}

/** A failing source, as the backend reports it. */
export function failedSource(
  service: OpenStackSourceStatus['service'],
  status: OpenStackSourceStatus['status'],
  message: string,
): OpenStackSourceStatus {
  return {
    cloud: 'lab',
    region: 'RegionOne',
    service,
    status,
    message,
    kinds: [],
    durationMs: 10000,
  };
}

export { backendError } from '@canopy-idp/frontend-common/testUtils';

export { entityResourcesOf } from '@canopy-idp/plugin-openstack-common/testUtils';
