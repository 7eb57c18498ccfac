import { entityTag } from './annotations';

describe('entityTag', () => {
  it('derives a stable, lower-case tag from an entity reference', () => {
    expect(entityTag({ kind: 'Component', name: 'Payments' })).toBe(
      'canopy.entity=component.default.payments',
    );
    expect(
      entityTag({ kind: 'Resource', namespace: 'Team-A', name: 'db' }),
    ).toBe('canopy.entity=resource.team-a.db');
  });
});
