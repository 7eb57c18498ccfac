import { makeValidator } from '@backstage/catalog-model';
import {
  entityOfTag,
  entityOfTagValue,
  kindOfRef,
  resourceName,
  resourceRef,
  stableName,
  systemName,
} from './names';

const valid = makeValidator();

describe('entity names', () => {
  it('keeps a UUID readable and the name valid', () => {
    const id = '6f1c2d3e-aaaa-4bbb-8ccc-0123456789ab';
    expect(resourceName('loadBalancers', id)).toBe(
      `openstack-load-balancer-${id}`,
    );
    expect(valid.isValidEntityName(resourceName('securityGroups', id))).toBe(
      true,
    );
  });

  it('hashes ids that are not name parts, so different ids never share a name', () => {
    const a = stableName('openstack-server', 'A_b');
    const b = stableName('openstack-server', 'a_b');
    expect(a).not.toBe(b);
    for (const n of [
      a,
      b,
      stableName('openstack-volume', 'x'.repeat(80)),
      systemName('Lab Cloud', 'Équipe B'),
    ]) {
      expect(valid.isValidEntityName(n)).toBe(true);
    }
    expect(stableName('openstack-server', 'A_b')).toBe(a);
  });

  it('reads the kind back from a ref', () => {
    expect(kindOfRef(resourceRef('floatingIps', 'abc'))).toBe('floatingIps');
    expect(kindOfRef(resourceRef('networks', 'abc'))).toBe('networks');
    expect(kindOfRef('component:default/payments')).toBeUndefined();
  });

  it('reads Canopy entity tags, and only those', () => {
    expect(entityOfTag('canopy.entity=component.default.payments')).toBe(
      'component:default/payments',
    );
    expect(entityOfTag('canopy.entity=component.default.a.b')).toBe(
      'component:default/a.b',
    );
    expect(entityOfTag('env=prod')).toBeUndefined();
    expect(entityOfTagValue('nonsense')).toBeUndefined();
  });
});
