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
