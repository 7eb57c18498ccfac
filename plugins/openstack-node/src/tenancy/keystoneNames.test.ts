import {
  keystoneEntityName,
  keystoneEntityRef,
  keystoneNamespace,
} from './keystoneNames';

describe('Keystone names in the catalog', () => {
  // Valid names are kept, lower-cased; other characters become _ and
  // separators are trimmed; nothing valid left, or too long: no name.
  it.each([
    ['team-a', 'team-a'],
    ['Team_A.ops', 'team_a.ops'],
    ['Alice@Example.com', 'alice_example.com'],
    [' -Platform Team- ', 'platform_team'],
    ['a@@b', 'a_b'],
    ['@@@', undefined],
    ['x'.repeat(64), undefined],
  ])('names %j %j', (keystoneName, name) => {
    expect(keystoneEntityName(keystoneName)).toBe(name);
  });

  it('names the Default domain default and others after themselves', () => {
    expect(keystoneNamespace('Default')).toBe('default');
    expect(keystoneNamespace('Research Lab')).toBe('research-lab');
    expect(keystoneEntityRef('group', 'Team B', 'Research Lab')).toBe(
      'group:research-lab/team_b',
    );
  });
});
