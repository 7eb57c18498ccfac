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
import { catalogEntityDeletePermission } from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { openstackResourcesReadPermission } from '@canopy-idp/plugin-openstack-common';
import { isOpenStackProjectOwner } from '@canopy-idp/plugin-openstack-backend/catalog';

/**
 * Canopy's default policy for production portals:
 * - anyone signed in reads the catalog, uses templates and the OpenStack
 *   look-ups (which answer only for projects the user owns);
 * - only an entity's owners may delete it;
 * - only the owners of an entity's OpenStack project (IS_OPENSTACK_PROJECT_OWNER,
 *   from @canopy-idp/plugin-openstack-backend/catalog) may list the cloud
 *   resources behind it.
 */
export class OwnerBasedPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser | BackstageIdentityResponse,
  ): Promise<PolicyDecision> {
    const claims =
      (user && 'info' in user ? user.info.ownershipEntityRefs : undefined) ??
      [];
    if (isPermission(request.permission, catalogEntityDeletePermission)) {
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    if (isPermission(request.permission, openstackResourcesReadPermission)) {
      return createCatalogConditionalDecision(
        request.permission,
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
      },
      async init({ policy, config, logger }) {
        const name =
          config.getOptionalString('canopy.permissionPolicy') ?? 'owner-based';
        if (name === 'allow-all') {
          logger.warn(
            'Permission policy is allow-all: every request is allowed. Use it for local development only.',
          );
          policy.setPolicy(new AllowAllPolicy());
        } else if (name === 'owner-based') {
          policy.setPolicy(new OwnerBasedPolicy());
        } else {
          throw new Error(
            `canopy.permissionPolicy must be 'owner-based' or 'allow-all', got '${name}'`,
          );
        }
      },
    });
  },
});
