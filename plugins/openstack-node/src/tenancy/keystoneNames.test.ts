import {
  keystoneEntityName,
  keystoneEntityRef,
  keystoneNamespace,
} from './keystoneNames';

describe('Keystone names in the catalog', () => {
  it('keeps valid names, lower-cased', () => {
    expect(keystoneEntityName('team-a')).toBe('team-a');
    expect(keystoneEntityName('Team_A.ops')).toBe('team_a.ops');
  });

  it('turns other characters into _ and trims separators', () => {
    expect(keystoneEntityName('Alice@Example.com')).toBe('alice_example.com');
    expect(keystoneEntityName(' -Platform Team- ')).toBe('platform_team');
    expect(keystoneEntityName('a@@b')).toBe('a_b');
  });

  it('gives no name when nothing valid is left or it is too long', () => {
    expect(keystoneEntityName('@@@')).toBeUndefined();
    expect(keystoneEntityName('x'.repeat(64))).toBeUndefined();
  });

  it('names the Default domain default and others after themselves', () => {
    expect(keystoneNamespace('Default')).toBe('default');
    expect(keystoneNamespace('Research Lab')).toBe('research-lab');
    expect(keystoneEntityRef('group', 'Team B', 'Research Lab')).toBe(
      'group:research-lab/team_b',
    );
  });
});
