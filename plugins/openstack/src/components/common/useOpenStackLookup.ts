import { useApi } from '@backstage/core-plugin-api';
import type { OpenStackLookup } from '@canopy-idp/plugin-openstack-common';
import useAsync from 'react-use/esm/useAsync';
import { openstackApiRef } from '../../api';
import type {
  OpenStackLookupItems,
  OpenStackLookupName,
} from '@canopy-idp/plugin-openstack-common';
import type { OpenStackLocation } from './formValues';

/** What a request in one location gave: its answer or its error. */
export type LocatedResult<T> = {
  /** True until the answer for the current location is in. */
  loading: boolean;
  value?: T;
  error?: Error;
};

const keyOf = (location: OpenStackLocation | undefined) =>
  location
    ? JSON.stringify([location.cloud, location.region, location.project])
    : undefined;

/**
 * Loads something for the current location, again whenever it changes. Never
 * returns the answer of a previous location: until the new one is in, it is
 * loading.
 */
export function useLocatedAsync<T>(
  location: OpenStackLocation | undefined,
  load: (location: OpenStackLocation) => Promise<T>,
  deps: unknown[],
): LocatedResult<T> {
  const key = keyOf(location);
  const state = useAsync(async () => {
    if (!location) {
      return undefined;
    }
    try {
      return { key, value: await load(location) };
    } catch (error) {
      return { key, error: error as Error };
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, ...deps]);
  if (!location) {
    return { loading: false };
  }
  const result = state.loading ? undefined : state.value;
  if (!result || result.key !== key) {
    return { loading: true };
  }
  return { loading: false, value: result.value, error: result.error };
}

/**
 * Runs a look-up in the given location, again whenever the location changes;
 * nothing while there is no location.
 */
export function useOpenStackLookup<TLookup extends OpenStackLookupName>(
  location: OpenStackLocation | undefined,
  lookup: TLookup,
): LocatedResult<OpenStackLookup<OpenStackLookupItems[TLookup]>> {
  const api = useApi(openstackApiRef);
  return useLocatedAsync(
    location,
    l => api.lookup(l.cloud, l.region, lookup, { project: l.project }),
    [api, lookup],
  );
}
