/*
 * The items of the live look-ups for template forms, and their answers:
 * named from the OpenAPI document's schemas (src/schema/names.generated.ts).
 */
import type {
  OpenStackAvailabilityZone,
  OpenStackFlavor,
  OpenStackImage,
  OpenStackKeyPair,
  OpenStackNetwork,
} from '../schema/names.generated';
import type { components } from '../schema/types.generated';

/**
 * What is left of each quota: limit - inUse - reserved, or null when unlimited.
 *
 * @public
 */
export type OpenStackQuotaHeadroom =
  components['schemas']['QuotaHeadroom']['headroom'];

/**
 * The item type of each look-up (the document's `Lookup` holds any of them;
 * this says which one each look-up name answers with).
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
 * Answer of every look-up: the items and the status of the sources read.
 *
 * @public
 */
export type OpenStackLookup<T> = Omit<
  components['schemas']['Lookup'],
  'items'
> & {
  items: T[];
};

/**
 * Answer of `GET /clouds/{cloud}/regions/{region}/quota-headroom`.
 *
 * @public
 */
export type OpenStackQuotaHeadroomResponse =
  components['schemas']['QuotaHeadroom'];
