import { createHash } from 'node:crypto';
import type { OpenStackResourceKind } from '@canopy-idp/plugin-openstack-common';

/** The kinds that become catalog Resources (ports only link them). */
export type EntityKind = Exclude<OpenStackResourceKind, 'ports'>;

/** `spec.type` of each kind's Resource entities. */
export const RESOURCE_TYPES: Record<EntityKind, string> = {
  servers: 'openstack-server',
  volumes: 'openstack-volume',
  networks: 'openstack-network',
  subnets: 'openstack-subnet',
  routers: 'openstack-router',
  floatingIps: 'openstack-floating-ip',
  securityGroups: 'openstack-security-group',
  loadBalancers: 'openstack-load-balancer',
};

export const ENTITY_KINDS = Object.keys(RESOURCE_TYPES) as EntityKind[];

const MAX_NAME = 63;

/**
 * A valid, stable entity name `<prefix>-<value>`: the value as it is when it
 * already is a valid name part (OpenStack's UUIDs are), else a hash of it,
 * so that two different values never share a name.
 */
export function stableName(prefix: string, value: string): string {
  const plain = `${prefix}-${value}`;
  if (
    plain.length <= MAX_NAME &&
    /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/.test(value)
  ) {
    return plain;
  }
  const hash = createHash('sha256').update(value).digest('hex');
  return `${prefix}-${hash.slice(
    0,
    Math.max(16, MAX_NAME - prefix.length - 1),
  )}`.slice(0, MAX_NAME);
}

/** The metadata name of the Resource for one OpenStack resource. */
export const resourceName = (kind: EntityKind, id: string) =>
  stableName(RESOURCE_TYPES[kind], id);

/** The entity ref of the Resource for one OpenStack resource. */
export const resourceRef = (kind: EntityKind, id: string) =>
  `resource:default/${resourceName(kind, id)}`;

/** The metadata name of the System for one project of one cloud. */
export const systemName = (cloud: string, project: string) =>
  stableName(
    'openstack',
    `${cloud}-${project}`.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
  );

/** The kind a Resource ref stands for, read back from its name. */
export function kindOfRef(ref: string): EntityKind | undefined {
  const name = ref.slice(ref.indexOf('/') + 1);
  return [...ENTITY_KINDS]
    .sort((a, b) => RESOURCE_TYPES[b].length - RESOURCE_TYPES[a].length)
    .find(kind => name.startsWith(`${RESOURCE_TYPES[kind]}-`));
}

/**
 * The entity a Canopy entity tag names: `canopy.entity=component.default.payments`
 * (or the bare value, as volumes carry it in metadata) gives
 * `component:default/payments`. Undefined for any other tag.
 */
export function entityOfTag(tag: string): string | undefined {
  const value = tag.startsWith('canopy.entity=')
    ? tag.slice('canopy.entity='.length)
    : undefined;
  return value === undefined ? undefined : entityOfTagValue(value);
}

export function entityOfTagValue(value: string): string | undefined {
  const m = /^([a-z0-9-]+)\.([a-z0-9-]+)\.(.+)$/.exec(value.trim());
  return m ? `${m[1]}:${m[2]}/${m[3]}` : undefined;
}
