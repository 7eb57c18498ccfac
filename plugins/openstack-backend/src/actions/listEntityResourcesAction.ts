import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { NotAllowedError } from '@backstage/errors';
import {
  OPENSTACK_RESOURCE_KINDS,
  openstackActionsUsePermission,
  openstackResourcesReadPermission,
} from '@canopy-idp/plugin-openstack-common';
import { EntityResolver } from '../service/EntityResolver';
import { OpenStackService } from '@canopy-idp/plugin-openstack-node';
import type { TenancyGuard } from '../tenancy/TenancyGuard';

/** Registers the listing as an action for other plugins and MCP clients. */
export function registerListEntityResourcesAction(options: {
  actionsRegistry: ActionsRegistryService;
  service: OpenStackService;
  catalog: CatalogService;
  permissions: PermissionsService;
  guard: TenancyGuard;
}) {
  const { actionsRegistry, service, permissions } = options;
  // The same checks as GET /entities/.../resources: the permission, the
  // catalog's own read rules, then tenancy.
  const resolver = new EntityResolver(options.catalog, options.guard);
  actionsRegistry.register({
    name: 'list-entity-resources',
    title: 'List the OpenStack resources of a catalog entity',
    description:
      "Lists the OpenStack servers, volumes, networks, subnets, routers, ports, floating IPs, security groups and load balancers behind a catalog entity (selected by its openstack.canopy-idp.io annotations), with the project's quota usage and the status of every source read.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    visibilityPermission: openstackActionsUsePermission,
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe('Entity reference, e.g. component:default/payments'),
          kinds: z
            .array(z.enum(OPENSTACK_RESOURCE_KINDS))
            .optional()
            .describe('Resource kinds to list; all when absent'),
        }),
      output: z =>
        z.object({
          result: z
            .record(z.string(), z.unknown())
            .describe(
              'The same document GET /entities/{kind}/{namespace}/{name}/resources returns',
            ),
        }),
    },
    examples: [
      {
        title: 'Servers and volumes of a component',
        input: {
          entityRef: 'component:default/payments',
          kinds: ['servers', 'volumes'],
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const [decision] = await permissions.authorize(
        [
          {
            permission: openstackResourcesReadPermission,
            resourceRef: input.entityRef,
          },
        ],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `Not allowed to read the OpenStack resources of ${input.entityRef}: the permission openstack.resources.read was denied by the portal's permission policy (Canopy's owner-based policy allows it to the owners of the entity's OpenStack project)`,
        );
      }
      const target = await resolver.resolve(input.entityRef, credentials);
      const result = await service.listResources(
        input.entityRef,
        target,
        input.kinds ?? OPENSTACK_RESOURCE_KINDS,
      );
      return {
        output: { result: result as unknown as Record<string, unknown> },
      };
    },
  });
}
