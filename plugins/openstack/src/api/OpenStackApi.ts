import type { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import type {
  OpenStackAvailabilityZone,
  OpenStackCloudSummary,
  OpenStackEntityResources,
  OpenStackFlavor,
  OpenStackHealth,
  OpenStackImage,
  OpenStackKeyPair,
  OpenStackLookup,
  OpenStackNetwork,
  OpenStackQuotaHeadroom,
  OpenStackResourceKind,
  OpenStackSourceStatus,
} from '@canopy-idp/plugin-openstack-common';

/**
 * The item type of each look-up the backend serves at
 * `/clouds/{cloud}/regions/{region}/lookups/{lookup}`.
 *
 * @public
 */
export type OpenStackLookupItems = {
  flavors: OpenStackFlavor;
  images: OpenStackImage;
  networks: OpenStackNetwork;
  'external-networks': OpenStackNetwork;
  'availability-zones': OpenStackAvailabilityZone;
  'key-pairs': OpenStackKeyPair;
};

/**
 * Name of a look-up, e.g. `flavors`.
 *
 * @public
 */
export type OpenStackLookupName = keyof OpenStackLookupItems;

/**
 * Options of the look-ups and the quota headroom.
 *
 * @public
 */
export type OpenStackLookupOptions = {
  /** Project to read in, when the cloud's credentials can reach several. */
  project?: string;
};

/**
 * Answer of `GET /api/openstack/clouds/{cloud}/regions/{region}/quota-headroom`.
 *
 * @public
 */
export type OpenStackQuotaHeadroomResponse = {
  headroom: OpenStackQuotaHeadroom;
  sources: OpenStackSourceStatus[];
};

/**
 * Options of {@link OpenStackApi.getEntityResources}.
 *
 * @public
 */
export type OpenStackEntityResourcesOptions = {
  /** Resource kinds to list; every kind when absent or empty. */
  kinds?: OpenStackResourceKind[];
  /** Whether to read the project's quota usage too (default true). */
  quotas?: boolean;
};

/**
 * Client of Canopy's OpenStack backend plugin.
 *
 * @public
 */
export interface OpenStackApi {
  /** Liveness of the backend plugin and the names of its configured clouds. */
  health(): Promise<OpenStackHealth & { clouds: string[] }>;

  /** The configured clouds with their regions (never their credentials). */
  listClouds(): Promise<{ items: OpenStackCloudSummary[] }>;

  /** Flavors, images, networks, ... of one cloud and region, for template forms. */
  lookup<TLookup extends OpenStackLookupName>(
    cloud: string,
    region: string,
    lookup: TLookup,
    options?: OpenStackLookupOptions,
  ): Promise<OpenStackLookup<OpenStackLookupItems[TLookup]>>;

  /** What is left of the project's quotas in one cloud and region. */
  quotaHeadroom(
    cloud: string,
    region: string,
    options?: OpenStackLookupOptions,
  ): Promise<OpenStackQuotaHeadroomResponse>;

  /**
   * The OpenStack resources behind a catalog entity (selected by its
   * `openstack.canopy-idp.io/*` annotations) and the project's quota usage.
   * A source that fails is reported in `sources`; it does not fail the call.
   *
   * @param entityRef - the entity, as a compound reference or a string such as
   *   `component:default/payments` (the namespace defaults to `default`)
   */
  getEntityResources(
    entityRef: CompoundEntityRef | string,
    options?: OpenStackEntityResourcesOptions,
  ): Promise<OpenStackEntityResources>;
}

/**
 * API reference for {@link OpenStackApi}.
 *
 * @public
 */
export const openstackApiRef = createApiRef<OpenStackApi>({
  id: 'plugin.openstack.client',
});
