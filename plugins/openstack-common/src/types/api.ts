import { enums } from '../schema/enums.generated';
import type { components } from '../schema/types.generated';

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
export type OpenStackSourceStatus = components['schemas']['SourceStatus'];

/**
 * One quota: the limit (-1 for unlimited) and what is used or reserved.
 *
 * @public
 */
export type OpenStackQuota = components['schemas']['Quota'];

/**
 * The project's quota usage in one region, per service.
 *
 * @public
 */
export type OpenStackQuotaUsage = components['schemas']['QuotaUsage'];

/**
 * Answer of `GET /api/openstack/entities/{kind}/{namespace}/{name}/resources`.
 *
 * @public
 */
export type OpenStackEntityResources = components['schemas']['EntityResources'];

/**
 * A configured cloud as the browser may see it.
 *
 * @public
 */
export type OpenStackCloudSummary = components['schemas']['CloudSummary'];
