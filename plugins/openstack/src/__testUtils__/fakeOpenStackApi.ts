import { ResponseError } from '@backstage/errors';
import type {
  OpenStackCloudSummary,
  OpenStackLookup,
  OpenStackSourceStatus,
} from '@canopy-idp/plugin-openstack-common';
import type {
  OpenStackApi,
  OpenStackLookupItems,
  OpenStackLookupName,
  OpenStackQuotaHeadroomResponse,
} from '../api';

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

/** An OpenStackApi answering from a table, recording each call. */
export function fakeOpenStackApi(answers: FakeAnswers) {
  const calls: string[] = [];
  const api: OpenStackApi = {
    health: async () => ({ status: 'ok', clouds: [] }),
    listClouds: async () => {
      calls.push('clouds');
      return { items: await settle(answers.clouds, 'clouds') };
    },
    lookup: async (cloud, region, lookup) => {
      calls.push(`${cloud}/${region}/${lookup}`);
      return settle(answers.lookups?.[lookup], lookup) as any;
    },
    quotaHeadroom: async (cloud, region) => {
      calls.push(`${cloud}/${region}/quota-headroom`);
      return settle(answers.headroom, 'quota-headroom');
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

/** The error the client throws for a Backstage error response. */
export function backendError(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        request: { method: 'GET', url: '/api/openstack/...' },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: status === 503 ? 'Service Unavailable' : 'Error',
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}
