import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  OPENSTACK_RESOURCE_KINDS,
  OpenStackResourceKind,
  openstackLookupPermission,
  openstackResourcesReadPermission,
} from '@canopy-idp/plugin-openstack-common';
import express from 'express';
import { openstackApiSpec as spec } from '@canopy-idp/plugin-openstack-common/spec';
import { EntityResolver } from '../service/EntityResolver';
import { OpenStackService } from '@canopy-idp/plugin-openstack-node';
import type { TenancyGuard } from '../tenancy/TenancyGuard';

export interface RouterOptions {
  service: OpenStackService;
  guard: TenancyGuard;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
}

/** Reads `kinds=volumes,networks`: resource kinds separated by commas. */
export function parseKinds(raw: string | undefined): OpenStackResourceKind[] {
  if (!raw) return [...OPENSTACK_RESOURCE_KINDS];
  const kinds = raw
    .split(',')
    .map(k => k.trim())
    .filter(Boolean);
  const unknown = kinds.filter(
    k => !(OPENSTACK_RESOURCE_KINDS as readonly string[]).includes(k),
  );
  if (unknown.length) {
    throw new InputError(
      `kinds: unknown resource kind(s) ${unknown.join(
        ', ',
      )}; allowed: ${OPENSTACK_RESOURCE_KINDS.join(', ')}`,
    );
  }
  return kinds as OpenStackResourceKind[];
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, guard, httpAuth, permissions } = options;
  const resolver = new EntityResolver(options.catalog, guard);
  const router = await createValidatedOpenApiRouter<typeof spec>(spec);
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/clouds', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    // Only what the user may use: the clouds where they own projects.
    const allowed =
      (credentials.principal as { type?: string }).type === 'user'
        ? await guard.userProjects(credentials)
        : new Map();
    res.json({ items: await service.listClouds(allowed) });
  });

  router.get('/entities/:kind/:namespace/:name/resources', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = stringifyEntityRef({
      kind: req.params.kind,
      namespace: req.params.namespace,
      name: req.params.name,
    });
    const kinds = parseKinds(req.query.kinds);
    const [decision] = await permissions.authorize(
      [
        {
          permission: openstackResourcesReadPermission,
          resourceRef: entityRef,
        },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed to read the OpenStack resources of ${entityRef}: the permission openstack.resources.read was denied by the portal's permission policy (Canopy's owner-based policy allows it to the owners of the entity's OpenStack project)`,
      );
    }
    const target = await resolver.resolve(entityRef, credentials);
    res.json(
      await service.listResources(
        entityRef,
        target,
        kinds,
        req.query.quotas !== false,
      ),
    );
  });

  /**
   * The cloud and project a look-up, the quota headroom, a cost estimate or a
   * run-rate may read: permission, then the user's ownership of the project.
   */
  const userTarget = async (
    req: express.Request<{ cloud: string }>,
    project: string | undefined,
  ) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: openstackLookupPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Not allowed to use OpenStack look-ups');
    }
    return {
      cloud: req.params.cloud,
      project: await guard.userProject(credentials, req.params.cloud, project),
    };
  };
  /** {@link userTarget} in the region of the path. */
  const lookupTarget = async (
    req: express.Request<{ cloud: string; region: string }>,
    project: string | undefined,
  ) => ({ ...(await userTarget(req, project)), region: req.params.region });

  router.get(
    '/clouds/:cloud/regions/:region/lookups/:lookup',
    async (req, res) => {
      const target = await lookupTarget(req, req.query.project);
      res.json(await service.lookup(req.params.lookup, target));
    },
  );

  router.get(
    '/clouds/:cloud/regions/:region/quota-headroom',
    async (req, res) => {
      const target = await lookupTarget(req, req.query.project);
      res.json(await service.quotaHeadroom(target));
    },
  );

  router.get('/clouds/:cloud/run-rate', async (req, res) => {
    const target = await userTarget(req, req.query.project);
    res.json(await service.costs.projectRunRate(target));
  });

  router.post(
    '/clouds/:cloud/regions/:region/cost-estimate',
    async (req, res) => {
      const target = await lookupTarget(req, req.query.project);
      res.json(await service.costs.estimate(target, req.body));
    },
  );

  return router;
}
