import type { Entity } from '@backstage/catalog-model';
import { isOpenStackAvailable } from './isOpenStackAvailable';

const withAnnotations = (annotations?: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments', annotations },
});

describe('isOpenStackAvailable', () => {
  it('is true for an entity naming an OpenStack cloud', () => {
    expect(
      isOpenStackAvailable(
        withAnnotations({ 'openstack.canopy-idp.io/cloud': 'lab' }),
      ),
    ).toBe(true);
  });

  it('is false without the cloud annotation, or with an empty one', () => {
    expect(isOpenStackAvailable(withAnnotations())).toBe(false);
    expect(
      isOpenStackAvailable(
        withAnnotations({ 'openstack.canopy-idp.io/tags': 'a=b' }),
      ),
    ).toBe(false);
    expect(
      isOpenStackAvailable(
        withAnnotations({ 'openstack.canopy-idp.io/cloud': ' ' }),
      ),
    ).toBe(false);
  });
});
