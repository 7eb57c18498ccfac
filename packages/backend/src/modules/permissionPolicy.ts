import { createBackendModule } from '@backstage/backend-plugin-api';
import { coreServices } from '@backstage/backend-plugin-api';
import type { BackstageIdentityResponse } from '@backstage/plugin-auth-node';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  actionExecutePermission,
  taskCancelPermission,
  taskReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  createScaffolderActionConditionalDecision,
  createScaffolderTaskConditionalDecision,
  scaffolderActionConditions,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import { CANOPY_ACTION_IDS } from '@canopy-idp/plugin-scaffolder-node';
import { kubernetesProxyPermission } from '@backstage/plugin-kubernetes-common';
import { openstackResourcesReadPermission } from '@canopy-idp/plugin-openstack-common';
import { isOpenStackProjectOwner } from '@canopy-idp/plugin-catalog-backend-module-openstack';
import { OPENSTACK_PROVIDER_ANNOTATIONS } from '@canopy-idp/plugin-catalog-backend-module-openstack';
import { OwnershipResolver } from '@canopy-idp/plugin-openstack-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';

/** Options of {@link OwnerBasedPolicy}. */
export interface OwnerBasedPolicyOptions {
  /**
   * Ownership refs (`group:default/platform-team`, `user:default/jane`) of the
   * platform team: `canopy.platformAdmins`. A user whose sign-in ownership refs
   * include one of them may do everything below. Empty: nobody may.
   */
  platformAdmins: string[];
  /**
   * Who the user is now: their current ownership refs. The module gives the
   * OpenStack plugin's resolver (the user's trusted memberOf groups in the
   * catalog, and the groups above them; the sign-in refs when the catalog has
   * no such user), so a team change from the org provider counts at its next
   * run, not at the next sign-in. Default: the sign-in ownership refs.
   */
  resolveClaims?: (userRef: string, signInRefs: string[]) => Promise<string[]>;
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * Canopy's policy for a portal with many teams (`owner-based`, the production
 * default). Who someone is comes from trusted sources only: their user
 * entity and its memberOf groups as the org provider wrote them (or, for a
 * user the catalog does not have, their sign-in ownership refs), never from
 * entities a user can register (see OwnershipResolver):
 * - `kubernetes.proxy` (the proxy would call a cluster with the portal's own
 *   service account): denied, except to platform admins;
 * - `catalog.location.create` / `catalog.location.delete` (registering a
 *   location adds entities; unregistering one deletes them, around "only
 *   owners delete"): platform admins only;
 * - `scaffolder.task.read` / `scaffolder.task.cancel`: the task's creator
 *   (upstream's `isTaskOwner`) and platform admins;
 * - `catalog.entity.read` of the OpenStack Systems and Resources that the
 *   catalog's OpenStack entity provider lists (annotated
 *   `openstack.canopy-idp.io/owners`): the owners of their project
 *   (`IS_OPENSTACK_PROJECT_OWNER`), so no team browses another's
 *   infrastructure; every other entity is readable by everyone signed in;
 * - `catalog.entity.delete`: the entity's owners;
 * - `openstack.resources.read`: the owners of the entity's OpenStack project;
 * - `scaffolder.action.execute` (in tasks and dry-runs): Canopy's actions,
 *   which check the user's teams before they use the portal's credentials,
 *   `debug:log`, `debug:wait`, the dry-runner's own `dry-run:extract`, and `fetch:template`
 *   of the template's own `./skeleton`; not
 *   the other built-in actions, which read or write with the portal's Git
 *   integrations for anyone (`fetch:plain` of another team's repository,
 *   `publish:github:pull-request` into it): platform admins only;
 * - everything else (templates, look-ups, which answer only for the user's
 *   own projects): allowed.
 */
export class OwnerBasedPolicy implements PermissionPolicy {
  private readonly admins: Set<string>;
  private readonly resolveClaims?: OwnerBasedPolicyOptions['resolveClaims'];

  constructor(options: OwnerBasedPolicyOptions = { platformAdmins: [] }) {
    this.admins = new Set(options.platformAdmins.map(lower));
    this.resolveClaims = options.resolveClaims;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser | BackstageIdentityResponse,
  ): Promise<PolicyDecision> {
    const info = user && 'info' in user ? user.info : undefined;
    const signIn = info?.ownershipEntityRefs ?? [];
    const claims =
      info?.userEntityRef && this.resolveClaims
        ? await this.resolveClaims(info.userEntityRef, signIn)
        : signIn;
    if (claims.some(ref => this.admins.has(lower(ref)))) {
      return { result: AuthorizeResult.ALLOW };
    }
    const { permission } = request;
    if (
      isPermission(permission, kubernetesProxyPermission) ||
      isPermission(permission, catalogLocationCreatePermission) ||
      isPermission(permission, catalogLocationDeletePermission)
    ) {
      return { result: AuthorizeResult.DENY };
    }
    if (
      isPermission(permission, taskReadPermission) ||
      isPermission(permission, taskCancelPermission)
    ) {
      return createScaffolderTaskConditionalDecision(
        permission,
        scaffolderTaskConditions.isTaskOwner({
          createdBy: info?.userEntityRef ? [info.userEntityRef] : [],
        }),
      );
    }
    if (isPermission(permission, actionExecutePermission)) {
      const id = (actionId: string) =>
        scaffolderActionConditions.hasActionId({ actionId });
      return createScaffolderActionConditionalDecision(permission, {
        anyOf: [
          {
            allOf: [
              id('fetch:template'),
              scaffolderActionConditions.hasStringProperty({
                key: 'url',
                value: './skeleton',
              }),
            ],
          },
          // dry-run:extract writes a dry-run's own files into its workspace.
          ...[
            ...CANOPY_ACTION_IDS,
            'debug:log',
            'debug:wait',
            'dry-run:extract',
          ].map(id),
        ],
      });
    }
    if (isPermission(permission, catalogEntityReadPermission)) {
      return createCatalogConditionalDecision(permission, {
        anyOf: [
          {
            not: catalogConditions.hasAnnotation({
              annotation: OPENSTACK_PROVIDER_ANNOTATIONS.owners,
            }),
          },
          isOpenStackProjectOwner({ claims }),
        ],
      });
    }
    if (isPermission(permission, catalogEntityDeletePermission)) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    if (isPermission(permission, openstackResourcesReadPermission)) {
      return createCatalogConditionalDecision(
        permission,
        isOpenStackProjectOwner({ claims }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/** Allows everything. Only for local development: app-config.yaml selects it. */
export class AllowAllPolicy implements PermissionPolicy {
  async handle(): Promise<PolicyDecision> {
    return { result: AuthorizeResult.ALLOW };
  }
}

/**
 * Installs the permission policy named by `canopy.permissionPolicy`:
 * `owner-based` (the default) or `allow-all` (development only).
 */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'canopy-policy',
  register(env) {
    env.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({ policy, config, logger, auth, catalog }) {
        const name =
          config.getOptionalString('canopy.permissionPolicy') ?? 'owner-based';
        if (name === 'allow-all') {
          logger.warn(
            'Permission policy is allow-all: every request is allowed. Use it for local development only.',
          );
          policy.setPolicy(new AllowAllPolicy());
        } else if (name === 'owner-based') {
          const platformAdmins =
            config.getOptionalStringArray('canopy.platformAdmins') ?? [];
          if (!platformAdmins.length) {
            logger.info(
              "canopy.platformAdmins is empty: nobody may register locations, use the Kubernetes proxy or read other users' scaffolder tasks",
            );
          }
          const ownership = new OwnershipResolver({ catalog, auth });
          policy.setPolicy(
            new OwnerBasedPolicy({
              platformAdmins,
              resolveClaims: async (userRef, signInRefs) => [
                ...(await ownership.ofUserRef(userRef, signInRefs)),
              ],
            }),
          );
        } else {
          throw new Error(
            `canopy.permissionPolicy must be 'owner-based' or 'allow-all', got '${name}'`,
          );
        }
      },
    });
  },
});
