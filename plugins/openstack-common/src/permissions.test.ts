import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  openstackActionsUsePermission,
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

  it('makes look-ups and the actions basic permissions', () => {
    expect(openstackLookupPermission.type).toBe('basic');
    expect(openstackActionsUsePermission.type).toBe('basic');
    expect(openstackPermissions.map(p => p.name)).toEqual([
      'openstack.resources.read',
      'openstack.lookup',
      'openstack.actions.use',
    ]);
  });
});
