import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import type { DeliveryExpectations } from '@canopy-idp/plugin-delivery-common';
import {
  ownsProject,
  type OwnershipResolver,
  type ProjectMap,
} from '@canopy-idp/plugin-openstack-node';
import { TENANCY_RULE } from '../observers/OpenStackObserver';

/** The user a request is recorded for. */
export interface Requester {
  userEntityRef: string;
  ownershipEntityRefs: string[];
}

/**
 * Refuses, when a request is recorded, what the requester may not have read
 * for them with the portal's credentials: an object that is not a KRO
 * instance, an OpenStack project that is not mapped or that the requester's
 * teams (and the groups above them, childOf) do not own, counted as the
 * OpenStack plugin counts them. Each error names the field and the rule. An Argo CD
 * instance or cluster the portal does not have is accepted: its stage stays
 * unknown and says what to configure, and the task that opened the pull
 * request does not fail for it.
 */
export class ExpectationsCheck {
  constructor(
    private readonly deps: {
      projects: ProjectMap;
      ownership: Pick<OwnershipResolver, 'ofUserRef'>;
    },
  ) {}

  async check(expected: DeliveryExpectations, requester: Requester) {
    const { projects } = this.deps;
    const names = (items: Array<{ name: string }>) =>
      items.map(i => i.name).join(', ') || 'none';

    (expected.kroInstances ?? []).forEach((instance, i) => {
      const field = `expected.kroInstances[${i}]`;
      const group = instance.apiVersion.split('/')[0];
      if (group !== 'kro.run' && !group.endsWith('.kro.run')) {
        throw new InputError(
          `${field}.apiVersion: '${instance.apiVersion}' is not a KRO instance's (rule: only objects of the kro.run API group are read)`,
        );
      }
    });

    const openstack = expected.openstack;
    if (openstack) {
      const cloud = projects.all().find(c => c.name === openstack.cloud);
      if (!cloud) {
        throw new InputError(
          `expected.openstack.cloud: '${
            openstack.cloud
          }' is not one of openstack.clouds (${names(projects.all())})`,
        );
      }
      const project = projects.find(cloud, openstack.project);
      if (!project) {
        throw new InputError(
          `expected.openstack.project: '${openstack.project}' is not mapped in cloud '${openstack.cloud}' (rule: Canopy reads only the projects listed under openstack.clouds[${openstack.cloud}].projects)`,
        );
      }
      // Their teams now (their User entity's memberOf), not at sign-in.
      const mine = await this.deps.ownership.ofUserRef(
        requester.userEntityRef,
        requester.ownershipEntityRefs,
      );
      if (!ownsProject(project, mine)) {
        throw new NotAllowedError(
          `expected.openstack.project: ${requester.userEntityRef} does not own project '${openstack.project}' (${TENANCY_RULE})`,
        );
      }
      parseEntityRef(openstack.entityRef);
    }
  }
}

/** Who may see a request. */
export const VISIBILITY_RULE =
  "rule: a request is shown to its requester and to the members of the requester's groups";

/** Whether a signed-in user may see a request: its requester, or someone in one of the requester's groups. */
export function visibleTo(
  request: { requester: string; requesterOwnership: string[] },
  viewer: Requester,
): boolean {
  if (viewer.userEntityRef === request.requester) return true;
  const theirs = new Set(viewer.ownershipEntityRefs);
  return request.requesterOwnership.some(
    ref => ref.startsWith('group:') && theirs.has(ref),
  );
}
