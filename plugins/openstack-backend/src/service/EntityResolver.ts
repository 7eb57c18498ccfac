import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  entityTag,
  OPENSTACK_ANNOTATIONS,
} from '@canopy-idp/plugin-openstack-common';
import type { Target } from '../reading/ScopeResolver';

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);

/** Reads an entity's openstack.canopy-idp.io annotations into a listing target. */
export function targetFromAnnotations(
  entityRef: string,
  annotations: Record<string, string> | undefined,
): Target {
  const a = annotations ?? {};
  const cloud = a[OPENSTACK_ANNOTATIONS.cloud];
  if (!cloud) {
    throw new InputError(
      `${entityRef} has no ${OPENSTACK_ANNOTATIONS.cloud} annotation, so it names no OpenStack cloud`,
    );
  }
  const tags = list(a[OPENSTACK_ANNOTATIONS.tags]);
  return {
    cloud,
    project: a[OPENSTACK_ANNOTATIONS.project] || undefined,
    regions: list(a[OPENSTACK_ANNOTATIONS.regions]),
    tags: tags.length ? tags : [entityTag(parseEntityRef(entityRef))],
  };
}

/** Finds an entity with the caller's own credentials, so catalog permissions apply. */
export class EntityResolver {
  constructor(private readonly catalog: CatalogService) {}

  async resolve(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Target> {
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    return targetFromAnnotations(entityRef, entity.metadata.annotations);
  }
}
