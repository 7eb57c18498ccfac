import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import type {
  DeliveryExpectations,
  DeliveryPullRequest,
} from '@canopy-idp/plugin-delivery-common';
import {
  ownsProject,
  type OwnershipResolver,
  type ProjectMap,
} from '@canopy-idp/plugin-openstack-node';
import type { ArgoCdApplications } from '../observers/ArgoCdObserver';
import { TENANCY_RULE } from '../observers/OpenStackObserver';
import { DeliveryObservationError } from '@canopy-idp/plugin-delivery-node';
import {
  APP_PROJECT_RULE,
  NAMESPACE_RULE,
  REPOSITORY_RULE,
  type TenancyMap,
} from '../tenancy/TenancyMap';

/** The user a request is recorded for. */
export interface Requester {
  userEntityRef: string;
  ownershipEntityRefs: string[];
}

/**
 * Refuses, when a request is recorded, what the requester may not have read
 * for them with the portal's credentials: an object that is not a KRO
 * instance, a KRO instance in a namespace the requester's teams do not own,
 * an Argo CD application that exists in an AppProject they do not own, an
 * OpenStack project that is not mapped or that they do not own. Teams are
 * the requester's now (and the groups above them, childOf), counted as the
 * OpenStack plugin counts them. Each error names the field and the rule. An
 * application that does not exist yet, an Argo CD instance that cannot be
 * asked or that the portal does not have, and a cluster the portal does not
 * have are accepted: the stages check again at each look before anything is
 * shown, and say what to configure.
 */
export class ExpectationsCheck {
  constructor(
    private readonly deps: {
      projects: ProjectMap;
      ownership: Pick<OwnershipResolver, 'ofUserRef'>;
      tenancy: Pick<
        TenancyMap,
        'ownsNamespace' | 'ownsAppProject' | 'ownsRepository'
      >;
      /** The cluster a KRO instance without one is read in (asked only then). */
      defaultCluster?: () => Promise<string | undefined>;
      argocd: Pick<ArgoCdApplications, 'instance' | 'read'>;
    },
  ) {}

  /**
   * The pull request's repository is one the requester's teams own now:
   * checked before the portal's integration token reads anything of it.
   */
  async checkRepository(
    pullRequest: Pick<DeliveryPullRequest, 'host' | 'owner' | 'repo'>,
    requester: Requester,
    field = 'pullRequestUrl',
  ) {
    const { host, owner, repo } = pullRequest;
    const mine = await this.deps.ownership.ofUserRef(
      requester.userEntityRef,
      requester.ownershipEntityRefs,
    );
    if (!this.deps.tenancy.ownsRepository(host, `${owner}/${repo}`, mine)) {
      throw new NotAllowedError(
        `${field}: ${requester.userEntityRef} does not own repository '${host}/${owner}/${repo}' (${REPOSITORY_RULE})`,
      );
    }
  }

  /**
   * The first cluster the kubernetes backend lists; none when it cannot say
   * (not installed, not answering): the namespace is then checked against
   * the rules that name no cluster, as with no cluster at all.
   */
  private async defaultCluster() {
    try {
      return await this.deps.defaultCluster?.();
    } catch {
      return undefined;
    }
  }

  async check(expected: DeliveryExpectations, requester: Requester) {
    const { projects } = this.deps;
    const names = (items: Array<{ name: string }>) =>
      items.map(i => i.name).join(', ') || 'none';

    // Their teams now (their User entity's memberOf), not at sign-in.
    let teams: Promise<Set<string>> | undefined;
    const mine = () =>
      (teams ??= this.deps.ownership.ofUserRef(
        requester.userEntityRef,
        requester.ownershipEntityRefs,
      ));

    for (const [i, instance] of (expected.kroInstances ?? []).entries()) {
      const field = `expected.kroInstances[${i}]`;
      const group = instance.apiVersion.split('/')[0];
      if (group !== 'kro.run' && !group.endsWith('.kro.run')) {
        throw new InputError(
          `${field}.apiVersion: '${instance.apiVersion}' is not a KRO instance's (rule: only objects of the kro.run API group are read)`,
        );
      }
      const cluster = instance.cluster ?? (await this.defaultCluster());
      if (
        !this.deps.tenancy.ownsNamespace(
          cluster,
          instance.namespace,
          await mine(),
        )
      ) {
        throw new NotAllowedError(
          `${field}.namespace: ${
            requester.userEntityRef
          } does not own namespace '${instance.namespace}'${
            cluster ? ` in cluster '${cluster}'` : ''
          } (${NAMESPACE_RULE})`,
        );
      }
    }

    // Read at once (each read has its own timeout); checked in order.
    const apps = await Promise.all(
      (expected.argoCdApplications ?? []).map(async app => {
        try {
          const instance = this.deps.argocd.instance(app.instance);
          return {
            instance,
            found: await this.deps.argocd.read(instance, app.name),
          };
        } catch (error) {
          // Not configured, or not answering: the stage checks at each look.
          if (error instanceof DeliveryObservationError) return undefined;
          throw error;
        }
      }),
    );
    for (const [i, app] of apps.entries()) {
      if (
        app?.found &&
        !this.deps.tenancy.ownsAppProject(
          app.instance.name,
          app.found.spec?.project ?? 'default',
          await mine(),
        )
      ) {
        throw new NotAllowedError(
          `expected.argoCdApplications[${i}].name: ${
            requester.userEntityRef
          } does not own the AppProject of application '${
            expected.argoCdApplications![i].name
          }' (${APP_PROJECT_RULE})`,
        );
      }
    }

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
      if (!ownsProject(project, await mine())) {
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
