import type { Entity } from '@backstage/catalog-model';
import { OPENSTACK_ANNOTATIONS } from '@canopy-idp/plugin-openstack-common';

/**
 * Whether the entity names an OpenStack cloud (annotation
 * `openstack.canopy-idp.io/cloud`), so that its OpenStack tab and card apply.
 *
 * @public
 */
export function isOpenStackAvailable(entity: Entity): boolean {
  return Boolean(
    entity.metadata.annotations?.[OPENSTACK_ANNOTATIONS.cloud]?.trim(),
  );
}
