import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { Target } from '@canopy-idp/plugin-openstack-node';
import type { TenancyGuard } from '../tenancy/TenancyGuard';

/**
 * Finds an entity with the caller's own credentials, so catalog permissions
 * apply, and turns it into a listing target through the tenancy guard.
 */
export class EntityResolver {
  constructor(
    private readonly catalog: CatalogService,
    private readonly guard: TenancyGuard,
  ) {}

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
    return this.guard.entityTarget(entity);
  }
}
