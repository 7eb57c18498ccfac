/**
 * Catalog annotations that tie an entity to the OpenStack resources behind it.
 *
 * Canopy's Terraform renderer sets the same tags on every taggable resource, so an
 * entity created through a Canopy template is found by the OpenStack backend plugin
 * without further configuration.
 *
 * @public
 */
export const OPENSTACK_ANNOTATIONS = {
  /** Name of a cloud from the `openstack.clouds` configuration. */
  cloud: 'openstack.canopy-idp.io/cloud',
  /** Comma-separated region names; defaults to every region configured for the cloud. */
  regions: 'openstack.canopy-idp.io/regions',
  /** Keystone project id or name the resources live in. */
  project: 'openstack.canopy-idp.io/project',
  /**
   * Tag selector: comma-separated tags a resource must all carry to belong to the
   * entity. Defaults to the entity tag below.
   */
  tags: 'openstack.canopy-idp.io/tags',
  /**
   * One OpenStack resource, as `<kind>/<id>` (e.g. `servers/6f1c…`): the entity
   * stands for that resource alone. Set by the catalog's OpenStack entity
   * provider on each Resource entity, with the region in `regions`.
   */
  resource: 'openstack.canopy-idp.io/resource',
} as const;

/**
 * The tag Canopy puts on every OpenStack resource it renders, derived from the
 * entity reference, e.g. `canopy.entity=component.default.payments`.
 *
 * @public
 */
export function entityTag(ref: {
  kind: string;
  namespace?: string;
  name: string;
}): string {
  const namespace = ref.namespace ?? 'default';
  return `canopy.entity=${ref.kind.toLocaleLowerCase(
    'en-US',
  )}.${namespace.toLocaleLowerCase('en-US')}.${ref.name.toLocaleLowerCase(
    'en-US',
  )}`;
}
