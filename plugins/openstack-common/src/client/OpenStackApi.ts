import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  OpenStackCloudSummary,
  OpenStackCostEstimate,
  OpenStackCostRequest,
  OpenStackEntityResources,
  OpenStackHealth,
  OpenStackLookup,
  OpenStackLookupItems,
  OpenStackLookupName,
  OpenStackProjectRunRate,
  OpenStackQuotaHeadroomResponse,
  OpenStackResourceKind,
} from '../types';

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
 * Client of Canopy's OpenStack backend plugin (the API of its OpenAPI
 * document), for the browser and for other backend plugins alike.
 *
 * @public
 */
export interface OpenStackApi {
  /** Liveness of the backend plugin and the names of its configured clouds. */
  health(): Promise<OpenStackHealth>;

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
   * The price of a request in one cloud and region of the user's project,
   * from the cloud's price source, with the project's monthly budget when it
   * has one.
   */
  estimateCost(
    cloud: string,
    region: string,
    request: OpenStackCostRequest,
    options?: OpenStackLookupOptions,
  ): Promise<OpenStackCostEstimate>;

  /**
   * What a whole project the user owns costs now, in every region of the
   * cloud, from the cloud's price source (the project System's figure).
   */
  projectRunRate(
    cloud: string,
    options?: OpenStackLookupOptions,
  ): Promise<OpenStackProjectRunRate>;

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
