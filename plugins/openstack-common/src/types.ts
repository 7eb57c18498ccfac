/**
 * Answer of `GET /api/openstack/health`.
 *
 * @public
 */
export interface OpenStackHealth {
  status: 'ok';
}
