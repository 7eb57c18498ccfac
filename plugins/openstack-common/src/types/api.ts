import { enums } from '../schema/enums.generated';
import type { OpenStackResources } from './resources';

/**
 * Answer of `GET /api/openstack/health`.
 *
 * @public
 */
export type OpenStackHealth = {
  status: 'ok';
};

/**
 * The kinds of OpenStack resources listed behind a catalog entity (from the
 * OpenAPI document's `ResourceKind`).
 *
 * @public
 */
export const OPENSTACK_RESOURCE_KINDS = enums.ResourceKind;

/** @public */
export type OpenStackResourceKind = (typeof OPENSTACK_RESOURCE_KINDS)[number];

/**
 * The live look-ups for template forms (from the OpenAPI document's
 * `LookupName`).
 *
 * @public
 */
export const OPENSTACK_LOOKUP_NAMES = enums.LookupName;

/** @public */
export type OpenStackLookupName = (typeof OPENSTACK_LOOKUP_NAMES)[number];

/**
 * OpenStack service types Canopy reads from, as named in the Keystone catalog
 * (from the OpenAPI document's `ServiceType`).
 *
 * @public
 */
export const OPENSTACK_SERVICE_TYPES = enums.ServiceType;

/** @public */
export type OpenStackServiceType = (typeof OPENSTACK_SERVICE_TYPES)[number];

/**
 * Outcome of reading one (cloud, region, service) source. A failing source
 * never fails the whole response: its data is missing and this says why.
 *
 * @public
 */
export type OpenStackSourceStatus = {
  cloud: string;
  region: string;
  service: OpenStackServiceType;
  /**
   * ok: answered; error: answered with an error or refused the connection;
   * timeout: did not answer in time; unavailable: not in the service catalog;
   * forbidden: the credential may not read it.
   */
  status: 'ok' | 'error' | 'timeout' | 'unavailable' | 'forbidden';
  /** Why the source failed; never contains tokens or secrets. */
  message?: string;
  /** Resource kinds (or `quotas`, or a look-up name) this source provides. */
  kinds: string[];
  durationMs: number;
  /** Whether the answer came from Canopy's cache. */
  cached?: boolean;
  /** The source failed and its last good answer is served instead. */
  stale?: boolean;
  /** How old a stale answer is. */
  ageSeconds?: number;
};

/**
 * One quota: the limit (-1 for unlimited) and what is used or reserved.
 *
 * @public
 */
export type OpenStackQuota = {
  limit: number;
  inUse: number;
  reserved: number;
};

/**
 * The project's quota usage in one region, per service.
 *
 * @public
 */
export type OpenStackQuotaUsage = {
  region: string;
  compute?: Record<string, OpenStackQuota>;
  network?: Record<string, OpenStackQuota>;
  volume?: Record<string, OpenStackQuota>;
};

/**
 * Answer of `GET /api/openstack/entities/{kind}/{namespace}/{name}/resources`.
 *
 * @public
 */
export type OpenStackEntityResources = {
  entityRef: string;
  cloud: string;
  project: string;
  regions: string[];
  /** Every tag a resource must carry to be listed (volumes: as metadata). */
  tags: string[];
  resources: OpenStackResources;
  quotas: OpenStackQuotaUsage[];
  /** Kinds whose list stopped at the configured cap (`openstack.maxItemsPerKind`). */
  truncated: OpenStackResourceKind[];
  sources: OpenStackSourceStatus[];
  /** Horizon base URL for deep links, when configured. */
  horizonUrl?: string;
};

/**
 * A configured cloud as the browser may see it.
 *
 * @public
 */
export type OpenStackCloudSummary = {
  name: string;
  regions: string[];
  /** The cloud's mapped projects the user owns (`name` is what `project` options take). */
  projects: Array<{ name: string }>;
  horizonUrl?: string;
};
