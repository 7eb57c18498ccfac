import type {
  DeliveryExpectations,
  DeliveryStage,
  DeliveryStageName,
} from '@canopy-idp/plugin-delivery-common';

/**
 * The stages a request goes through, from what its template expects: the
 * pull request always, then each system the change has to pass through.
 */
export function stagesFor(
  expected: DeliveryExpectations,
  now: string,
): DeliveryStage[] {
  const names: DeliveryStageName[] = ['pull-request'];
  if (expected.pipeline) names.push('pipeline');
  if (expected.argoCdApplications?.length) names.push('argocd');
  if (expected.kroInstances?.length) names.push('kro');
  if (expected.openstack) names.push('openstack');
  return names.map((name, i) =>
    i === 0
      ? {
          name,
          state: 'running',
          startedAt: now,
          message: 'Waiting for review and merge',
          links: [],
        }
      : { name, state: 'pending', links: [] },
  );
}
