import type {
  OpenStackResourceKind,
  OpenStackResources,
  OpenStackSourceStatus,
} from '@canopy-idp/plugin-openstack-common';
import { OPENSTACK_RESOURCE_KINDS } from '@canopy-idp/plugin-openstack-common';

/** The title of each resource kind, in the order the page shows them. */
export const KIND_TITLES: Record<OpenStackResourceKind, string> = {
  servers: 'Servers',
  volumes: 'Volumes',
  networks: 'Networks',
  subnets: 'Subnets',
  routers: 'Routers',
  ports: 'Ports',
  floatingIps: 'Floating IPs',
  securityGroups: 'Security groups',
  loadBalancers: 'Load balancers',
};

/** How many resources of each kind were listed, and in all. */
export function countResources(resources: OpenStackResources) {
  const perKind = OPENSTACK_RESOURCE_KINDS.map(kind => ({
    kind,
    count: resources[kind]?.length ?? 0,
  }));
  return { perKind, total: perKind.reduce((sum, k) => sum + k.count, 0) };
}

/** "compute in RegionOne: timeout — no answer in 10s" */
export function describeFailedSource(source: OpenStackSourceStatus) {
  const where =
    source.region && source.region !== '*' ? source.region : source.cloud;
  return `${source.service} in ${where}: ${source.status}${
    source.message ? ` — ${source.message}` : ''
  }`;
}

/** "2024-05-01T10:20:30Z" → "2024-05-01 10:20 UTC"; unparsable values as they are. */
export function formatTimestamp(value: string | undefined) {
  if (!value) {
    return '';
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    return value;
  }
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * A Horizon page of the resource, e.g. `/project/instances/<id>/`, under the
 * cloud's Horizon URL; nothing when the cloud has none (or not an http one).
 */
export function horizonLink(horizonUrl: string | undefined, path: string) {
  if (!horizonUrl || !/^https?:\/\//i.test(horizonUrl)) {
    return undefined;
  }
  return `${horizonUrl.replace(/\/+$/, '')}${path}`;
}

/**
 * Whether a backend error has the given HTTP status: a `ResponseError` with
 * that status code, or an error (or its cause) named for it.
 */
function hasErrorStatus(error: unknown, statusCode: number, errorName: string) {
  const {
    statusCode: code,
    name,
    cause,
  } = (error ?? {}) as {
    statusCode?: number;
    name?: string;
    cause?: { name?: string };
  };
  return code === statusCode || name === errorName || cause?.name === errorName;
}

/** A 404 from the backend (a `ResponseError` or an error named so). */
export function isNotFound(error: unknown) {
  return hasErrorStatus(error, 404, 'NotFoundError');
}

/** Whether a request failed because the user may not read the resources. */
export function isForbidden(error: unknown) {
  return hasErrorStatus(error, 403, 'NotAllowedError');
}
