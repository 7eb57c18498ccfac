/**
 * Credential suffixes (one per target, issue 21 item 1) and the root file
 * that records them, read as the pipeline's shell reads it.
 */
import {
  credentialSuffix,
  describeTarget,
  readRootFile,
  rootFileContent,
  SUFFIX_PATTERN,
} from './rootTarget';

describe('credentialSuffix', () => {
  it.each([
    [
      { cloud: 'lab', project: 'demo', region: 'RegionOne' },
      'LAB_DEMO_REGIONONE_',
    ],
    [{ project: 'demo' }, 'DEMO_'],
    [
      { cloud: 'prod-eu', project: 'my.team', region: 'eu-de-1' },
      'PROD_EU_MY_TEAM_EU_DE_1_',
    ],
    [{ cloud: '--', project: 'ü', region: '' }, ''],
    [{ project: `${'a'.repeat(39)}-b` }, `${'A'.repeat(39)}_`],
  ])(
    '%j: a readable prefix %s, then the hash of the exact target',
    (target, prefix) => {
      const suffix = credentialSuffix(target);
      expect(suffix.slice(0, prefix.length)).toBe(prefix);
      expect(suffix.slice(prefix.length)).toMatch(/^[A-Z2-7]{10}$/);
      expect(suffix).toMatch(SUFFIX_PATTERN);
    },
  );

  it('is the same for the same target, also across runs', () => {
    expect(
      credentialSuffix({ cloud: 'lab', project: 'demo', region: 'RegionOne' }),
    ).toBe('LAB_DEMO_REGIONONE_O7E6UZ3WK2');
  });

  it('keeps apart what folding makes alike (the measured collisions)', () => {
    const targets = [
      { cloud: 'lab', project: 'team-a' },
      { cloud: 'lab', project: 'team_a' },
      { cloud: 'lab-team', project: 'a' },
      { cloud: 'lab', project: 'Team-A' },
      { project: 'lab', region: 'team-a' },
      { cloud: 'lab', project: '项目', region: 'RegionOne' },
      { cloud: 'lab', project: '团队', region: 'RegionOne' },
      { cloud: 'lab', project: 'demo', region: 'RegionOne' },
      { cloud: 'lab', project: 'demo', region: 'regionone' },
      { cloud: 'lab', project: ' demo', region: 'RegionOne' },
    ];
    const suffixes = targets.map(credentialSuffix);
    expect(new Set(suffixes).size).toBe(targets.length);
    expect(suffixes[5].startsWith('LAB_REGIONONE_')).toBe(true);
  });
});

describe('the root file', () => {
  it('reads back the target it names', () => {
    const target = { cloud: 'lab', project: ' demo ', region: 'RegionOne' };
    expect(readRootFile(rootFileContent(target))).toEqual({
      suffix: credentialSuffix(target),
      target,
    });
    expect(readRootFile(rootFileContent({ project: 'p' }))?.target).toEqual({
      project: 'p',
    });
  });

  it('reads the suffix as the pipeline does, with or without a target', () => {
    expect(readRootFile('{"credentialSuffix":"A_1"}')).toEqual({
      suffix: 'A_1',
    });
    expect(
      readRootFile('{"credentialSuffix":"A", "credentialSuffix":"B"}\n'),
    ).toEqual({ suffix: 'B' });
    expect(
      readRootFile('{\n "credentialSuffix": "A",\n "credentialSuffix": "B"\n}'),
    ).toEqual({ suffix: 'A' });
    expect(
      readRootFile('{"credentialSuffix":"A","project":1}')?.target,
    ).toBeUndefined();
    for (const text of ['', 'x', '[]', 'null', '{"credentialSuffix":"lower"}'])
      expect(readRootFile(text)).toBeUndefined();
  });

  it('is described with the exact names', () => {
    expect(describeTarget({ cloud: 'lab', project: ' demo ' })).toBe(
      'cloud "lab", project " demo "',
    );
  });
});
