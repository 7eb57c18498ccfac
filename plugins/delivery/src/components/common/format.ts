import { parseEntityRef } from '@backstage/catalog-model';
import {
  DELIVERY_STAGES,
  type DeliveryExpectations,
  type DeliveryPullRequest,
  type DeliveryRequest,
  type DeliveryStage,
  type DeliveryStageName,
} from '@canopy-idp/plugin-delivery-common';

/** The readable title of each stage. */
export const STAGE_TITLES: Record<DeliveryStageName, string> = {
  'pull-request': 'Pull request',
  pipeline: 'Apply pipeline',
  argocd: 'Argo CD',
  kro: 'KRO',
  openstack: 'OpenStack',
};

/** A stage's title; a stage this version does not know by its name. */
export function stageTitle(name: string): string {
  return STAGE_TITLES[name as DeliveryStageName] ?? name;
}

/** The stages in the order a request goes through them (unknown names last). */
export function orderStages<S extends Pick<DeliveryStage, 'name'>>(
  stages: readonly S[],
): S[] {
  const rank = (s: S) => {
    const i = (DELIVERY_STAGES as readonly string[]).indexOf(s.name);
    return i < 0 ? DELIVERY_STAGES.length : i;
  };
  // Array.prototype.sort is stable: unknown stages keep their order.
  return [...stages].sort((a, b) => rank(a) - rank(b));
}

/** Requests newest first (by `createdAt`). */
export function newestFirst<R extends Pick<DeliveryRequest, 'createdAt'>>(
  requests: readonly R[],
): R[] {
  return [...requests].sort(
    (a, b) => toMillis(b.createdAt, 0) - toMillis(a.createdAt, 0),
  );
}

function toMillis(value: string | undefined, fallback: number): number {
  const ms = value ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? fallback : ms;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A duration in the two largest units that matter:
 * 45 s, 3 min, 1 h 5 min, 2 d 3 h. Negative durations count as 0 s.
 */
export function formatDuration(ms: number): string {
  const value = Math.max(0, ms);
  if (value < MINUTE) {
    return `${Math.floor(value / 1000)} s`;
  }
  if (value < HOUR) {
    return `${Math.floor(value / MINUTE)} min`;
  }
  if (value < DAY) {
    const hours = Math.floor(value / HOUR);
    const minutes = Math.floor((value % HOUR) / MINUTE);
    return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  const days = Math.floor(value / DAY);
  const hours = Math.floor((value % DAY) / HOUR);
  return hours ? `${days} d ${hours} h` : `${days} d`;
}

/**
 * How long a stage took, or has been running: "took 4 min" for a stage
 * that finished, "for 3 min" for the running one (since it started), and
 * nothing for a stage without the times to tell.
 */
export function stageDuration(
  stage: Pick<DeliveryStage, 'state' | 'startedAt' | 'finishedAt'>,
  now: number,
): string | undefined {
  const started = toMillis(stage.startedAt, NaN);
  if (Number.isNaN(started)) {
    return undefined;
  }
  const finished = toMillis(stage.finishedAt, NaN);
  if (!Number.isNaN(finished)) {
    return `took ${formatDuration(finished - started)}`;
  }
  if (stage.state === 'running') {
    return `for ${formatDuration(now - started)}`;
  }
  return undefined;
}

/**
 * When something happened, relative to `now`: "just now", "3 min ago",
 * "2 h ago", "3 d ago", and a date beyond a week ("on 2025-01-02").
 * Unparsable values are returned as they are.
 */
export function formatRelativeTime(value: string, now: number): string {
  const at = toMillis(value, NaN);
  if (Number.isNaN(at)) {
    return value;
  }
  const ago = now - at;
  if (ago < MINUTE) {
    return 'just now';
  }
  if (ago < HOUR) {
    return `${Math.floor(ago / MINUTE)} min ago`;
  }
  if (ago < DAY) {
    return `${Math.floor(ago / HOUR)} h ago`;
  }
  if (ago < 7 * DAY) {
    return `${Math.floor(ago / DAY)} d ago`;
  }
  return `on ${new Date(at).toISOString().slice(0, 10)}`;
}

/** "2024-05-01T10:20:30Z" → "2024-05-01 10:20 UTC"; unparsable values as they are. */
export function formatTimestamp(value: string): string {
  const at = toMillis(value, NaN);
  if (Number.isNaN(at)) {
    return value;
  }
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * What an `unknown` stage says: "unknown, last checked 2 min ago: Argo CD
 * did not answer" (each part only when known).
 */
export function describeUnknown(
  stage: Pick<DeliveryStage, 'checkedAt' | 'message'>,
  now: number,
): string {
  const checked = stage.checkedAt
    ? `, last checked ${formatRelativeTime(stage.checkedAt, now)}`
    : '';
  const message = stage.message ? `: ${stage.message}` : '';
  return `unknown${checked}${message}`;
}

/** "canopy/payments#42" */
export function pullRequestLabel(pr: DeliveryPullRequest): string {
  return `${pr.owner}/${pr.repo}#${pr.number}`;
}

/**
 * The tag Canopy puts on the OpenStack resources of an entity,
 * `canopy.entity=component.default.payments` (as `entityTag` of
 * `@canopy-idp/plugin-openstack-common` makes it).
 */
export function openstackEntityTag(entityRef: string): string {
  try {
    const ref = parseEntityRef(entityRef);
    return `canopy.entity=${[ref.kind, ref.namespace, ref.name]
      .map(part => part.toLocaleLowerCase('en-US'))
      .join('.')}`;
  } catch {
    return `canopy.entity=${entityRef}`;
  }
}

/** One line of "What the pull request asked for". */
export interface ExpectedItem {
  /** What system: Apply pipeline, Argo CD application, KRO instance, OpenStack resources. */
  what: string;
  /** Which object, in the system's own words. */
  detail: string;
}

/** The list of what the pull request asked for, as the card shows it. */
export function expectedItems(expected: DeliveryExpectations): ExpectedItem[] {
  const items: ExpectedItem[] = [];
  if (expected.pipeline) {
    items.push({
      what: 'Apply pipeline',
      detail: 'runs on the merge commit',
    });
  }
  for (const app of expected.argoCdApplications ?? []) {
    items.push({
      what: 'Argo CD application',
      detail: app.instance
        ? `${app.name} (instance ${app.instance})`
        : app.name,
    });
  }
  for (const instance of expected.kroInstances ?? []) {
    items.push({
      what: 'KRO instance',
      detail: `${instance.kind} ${instance.namespace}/${instance.name}${
        instance.cluster ? ` (cluster ${instance.cluster})` : ''
      }`,
    });
  }
  const openstack = expected.openstack;
  if (openstack) {
    const where = [
      `project ${openstack.project}`,
      openstack.region ? `region ${openstack.region}` : undefined,
      `cloud ${openstack.cloud}`,
    ]
      .filter(Boolean)
      .join(', ');
    items.push({
      what: 'OpenStack resources',
      detail: `in ${where}, tagged ${openstackEntityTag(openstack.entityRef)}`,
    });
  }
  return items;
}
