import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  openstackLookupPermission,
  openstackPermissions,
  openstackResourcesReadPermission,
} from './permissions';

describe('permissions', () => {
  it('makes resource listings a catalog-entity resource permission', () => {
    expect(
      isResourcePermission(openstackResourcesReadPermission, 'catalog-entity'),
    ).toBe(true);
  });

  it('makes look-ups a basic permission', () => {
    expect(openstackLookupPermission.type).toBe('basic');
    expect(openstackPermissions.map(p => p.name)).toEqual([
      'openstack.resources.read',
      'openstack.lookup',
    ]);
  });
});
