import { enums } from '../schema/enums.generated';

/**
 * The stages a request goes through, in order. A request has the ones its
 * template expects: `pull-request` always; `pipeline` when the pull request
 * carries an apply pipeline (Terraform templates); `argocd`, `kro` and
 * `openstack` when it names Argo CD applications, KRO instances or an
 * OpenStack entity tag. (The OpenAPI document's `StageName`.)
 *
 * @public
 */
export const DELIVERY_STAGES = enums.StageName;

/** @public */
export type DeliveryStageName = (typeof DELIVERY_STAGES)[number];

/**
 * A stage's state. `unknown` means the system behind the stage could not be
 * asked the last time (its message says why and when); it is checked again
 * and never fails the request by itself.
 *
 * @public
 */
export type DeliveryStageState =
  | 'pending'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'unknown';

/**
 * A request's overall state: `open` while a stage is still to finish,
 * `ready` when every stage succeeded, `failed` when one failed (including a
 * pull request closed without merging). `ready` and `failed` are terminal.
 *
 * @public
 */
export type DeliveryRequestState = 'open' | 'ready' | 'failed';

/** @public */
export type DeliveryLink = {
  title: string;
  url: string;
};

/** @public */
export type DeliveryStage = {
  name: DeliveryStageName;
  state: DeliveryStageState;
  /** When the stage became the current one (ISO 8601). */
  startedAt?: string;
  /** When it reached `succeeded` or `failed`. */
  finishedAt?: string;
  /** When the system behind it was last asked. */
  checkedAt?: string;
  /** What was seen: the failing check, the Argo CD health message, ... */
  message?: string;
  links: DeliveryLink[];
};

/** An Argo CD Application the request expects to be synced and healthy. @public */
export type ExpectedArgoCdApplication = {
  /** Name of an instance under `delivery.argocd.instances`; the first one when absent. */
  instance?: string;
  name: string;
};

/** A KRO instance the request expects to become Ready. @public */
export type ExpectedKroInstance = {
  /** Name of a cluster of the kubernetes backend's config locator; the first one when absent. */
  cluster?: string;
  /** e.g. `kro.run/v1alpha1` */
  apiVersion: string;
  kind: string;
  /** The resource's plural; default: the kind in lower case followed by `s`, as KRO names it. */
  plural?: string;
  namespace: string;
  name: string;
};

/** The OpenStack resources the request expects, found by their entity tag. @public */
export type ExpectedOpenStackResources = {
  cloud: string;
  project: string;
  region?: string;
  /** The entity whose `canopy.entity=` tag the resources carry. */
  entityRef: string;
};

/** What the pull request asked for, as the template describes it. @public */
export type DeliveryExpectations = {
  /** Whether an apply pipeline runs on the merge commit (Terraform templates). */
  pipeline?: boolean;
  argoCdApplications?: ExpectedArgoCdApplication[];
  kroInstances?: ExpectedKroInstance[];
  openstack?: ExpectedOpenStackResources;
};

/** The pull or merge request a request opened. @public */
export type DeliveryPullRequest = {
  url: string;
  provider: 'github' | 'gitlab';
  host: string;
  /** GitHub owner, or GitLab namespace. */
  owner: string;
  repo: string;
  number: number;
};

/**
 * One request: a scaffolder task that opened a pull request, and how far
 * what it asked for has come.
 *
 * @public
 */
export type DeliveryRequest = {
  id: string;
  taskId: string;
  templateRef?: string;
  title: string;
  /** The user who ran the template. */
  requester: string;
  /** The catalog entity the request creates or changes. */
  entityRef: string;
  pullRequest: DeliveryPullRequest;
  expected: DeliveryExpectations;
  state: DeliveryRequestState;
  /** The stage being worked on: the first one that has not succeeded. */
  currentStage?: DeliveryStageName;
  stages: DeliveryStage[];
  createdAt: string;
  updatedAt: string;
};

/** What a scaffolder task sends to record a request. @public */
export type CreateDeliveryRequest = {
  taskId: string;
  templateRef?: string;
  title: string;
  entityRef: string;
  pullRequestUrl: string;
  expected?: DeliveryExpectations;
};

/** A page of requests. @public */
export type DeliveryRequestList = {
  items: DeliveryRequest[];
};
