/* The items of the live look-ups for template forms, and their answers. */
import type { OpenStackNetwork } from './resources';
import type { OpenStackQuotaUsage, OpenStackSourceStatus } from './api';

/** @public */
export type OpenStackFlavor = {
  id: string;
  name: string;
  vcpus: number;
  ramMiB: number;
  diskGiB: number;
  ephemeralGiB: number;
  isPublic: boolean;
};

/** @public */
export type OpenStackImage = {
  id: string;
  name: string;
  status: string;
  visibility: string;
  diskFormat?: string;
  minDiskGiB: number;
  minRamMiB: number;
  sizeBytes?: number;
};

/** @public */
export type OpenStackAvailabilityZone = {
  name: string;
  available: boolean;
};

/** @public */
export type OpenStackKeyPair = {
  name: string;
  type?: string;
  fingerprint?: string;
};

/**
 * What is left of each quota: limit - inUse - reserved, or null when unlimited.
 *
 * @public
 */
export type OpenStackQuotaHeadroom = {
  region: string;
  compute: Record<string, number | null>;
  network: Record<string, number | null>;
  volume: Record<string, number | null>;
  usage: OpenStackQuotaUsage;
};

/**
 * The item type of each look-up.
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
export type OpenStackLookup<T> = {
  items: T[];
  truncated: boolean;
  sources: OpenStackSourceStatus[];
};

/**
 * Answer of `GET /clouds/{cloud}/regions/{region}/quota-headroom`.
 *
 * @public
 */
export type OpenStackQuotaHeadroomResponse = {
  headroom: OpenStackQuotaHeadroom;
  sources: OpenStackSourceStatus[];
};
