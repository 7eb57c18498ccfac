/*
 * The OpenStack resources listed behind a catalog entity, as the plugin maps
 * them, are named from the OpenAPI document's schemas
 * (src/schema/names.generated.ts, written by `yarn openapi:generate` from
 * plugins/openstack-backend/src/schema/openapi.yaml); here, their parts.
 */
import type { components } from '../schema/types.generated';

/** @public */
export type OpenStackSecurityGroupRule =
  components['schemas']['SecurityGroup']['rules'][number];
