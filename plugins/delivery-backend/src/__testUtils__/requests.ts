import type { DeliveryExpectations } from '@canopy-idp/plugin-delivery-common';
import { openRequest, type RecordedRequest } from '../stages/plan';
import type { StoredRequest } from '../store/types';

/** A freshly recorded request, as the router stores it. */
export function aRequest(
  expected: DeliveryExpectations = { pipeline: true },
  overrides: Partial<StoredRequest> = {},
): StoredRequest {
  const now = '2026-11-30T10:00:00.000Z';
  const recorded: RecordedRequest = {
    id: 'r-1',
    taskId: 'task-1',
    title: 'Add OpenStack servers web',
    requester: 'user:default/guest',
    requesterOwnership: ['user:default/guest', 'group:default/team-a'],
    entityRef: 'resource:default/web',
    pullRequest: {
      url: 'https://github.example/acme/infra/pull/7',
      provider: 'github',
      host: 'github.example',
      owner: 'acme',
      repo: 'infra',
      number: 7,
    },
    expected,
  };
  return { ...openRequest(recorded, now), ...overrides };
}

/**
 * A `POST /requests` body for the web servers' request (the pipeline, then
 * the resources tagged for `resource:default/web` in project demo), as the
 * track action sends it, with `extra` fields (task, pull request, template).
 */
export function requestBody<T extends object>(extra: T) {
  return {
    ...extra,
    title: 'Add OpenStack servers web',
    entityRef: 'resource:default/web',
    expected: {
      pipeline: true,
      openstack: {
        cloud: 'lab',
        project: 'demo',
        region: 'RegionOne',
        entityRef: 'resource:default/web',
      },
    },
  };
}
