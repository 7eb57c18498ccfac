/*
 * The OpenStack resources listed behind a catalog entity, as the plugin maps
 * them: named from the OpenAPI document's schemas (src/schema/types.generated.ts,
 * written by `yarn openapi:generate` from plugins/openstack-backend/src/schema/openapi.yaml).
 */
import type { components } from '../schema/types.generated';

/** @public */
export type OpenStackServer = components['schemas']['Server'];

/** @public */
export type OpenStackVolume = components['schemas']['Volume'];

/** @public */
export type OpenStackNetwork = components['schemas']['Network'];

/** @public */
export type OpenStackSubnet = components['schemas']['Subnet'];

/** @public */
export type OpenStackRouter = components['schemas']['Router'];

/** @public */
export type OpenStackPort = components['schemas']['Port'];

/** @public */
export type OpenStackFloatingIp = components['schemas']['FloatingIp'];

/** @public */
export type OpenStackSecurityGroupRule =
  components['schemas']['SecurityGroup']['rules'][number];

/** @public */
export type OpenStackSecurityGroup = components['schemas']['SecurityGroup'];

/** @public */
export type OpenStackLoadBalancer = components['schemas']['LoadBalancer'];

/**
 * The resources of each kind listed behind an entity.
 *
 * @public
 */
export type OpenStackResources = components['schemas']['Resources'];
