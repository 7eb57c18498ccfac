import { enums } from '../schema/enums.generated';

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
