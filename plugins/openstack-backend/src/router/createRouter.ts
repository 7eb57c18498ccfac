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
import { spec } from '../schema/openapi.generated';
import { EntityResolver } from '../service/EntityResolver';
import { OpenStackService } from '../service/OpenStackService';

export interface RouterOptions {
  service: OpenStackService;
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
  const { service, httpAuth, permissions } = options;
  const resolver = new EntityResolver(options.catalog);
  const router = await createValidatedOpenApiRouter<typeof spec>(spec);
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', clouds: service.cloudNames() });
  });

  router.get('/clouds', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: await service.listClouds() });
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
        `Not allowed to read the OpenStack resources of ${entityRef}`,
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

  const authorizeLookup = async (req: express.Request) => {
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
  };

  router.get(
    '/clouds/:cloud/regions/:region/lookups/:lookup',
    async (req, res) => {
      await authorizeLookup(req);
      res.json(
        await service.lookup(req.params.lookup, {
          cloud: req.params.cloud,
          region: req.params.region,
          project: req.query.project,
        }),
      );
    },
  );

  router.get(
    '/clouds/:cloud/regions/:region/quota-headroom',
    async (req, res) => {
      await authorizeLookup(req);
      res.json(
        await service.quotaHeadroom({
          cloud: req.params.cloud,
          region: req.params.region,
          project: req.query.project,
        }),
      );
    },
  );

  return router;
}
