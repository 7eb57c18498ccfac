import {
  decodeLikeGo,
  expectReadAsMeant,
  resolvePlain,
} from '@canopy-idp/plugin-scaffolder-node-test-utils';
import { mightNotReadAsString, renderYaml } from './yaml';

/** Strings that YAML 1.1 or Go readers type as something else when written plain. */
const TYPED_WHEN_PLAIN = [
  'on',
  'On',
  'ON',
  'off',
  'yes',
  'Yes',
  'no',
  'NO',
  'y',
  'Y',
  'n',
  'N',
  'true',
  'False',
  'null',
  'Null',
  '~',
  '',
  '0b1',
  '0o17',
  '017',
  '08',
  '1_000',
  '0x_1',
  '0x1F',
  '+12',
  '-1',
  '1e3',
  '.5',
  '.inf',
  '-.Inf',
  '.NaN',
  '12:30:00',
  '1:20',
  '2001-12-14',
  '<<',
  '=',
];

describe('renderYaml: one emitter for everything Canopy writes for Kubernetes', () => {
  it.each(TYPED_WHEN_PLAIN)(
    'writes the string %j so that go-yaml v2, v3 and YAML 1.1 read the same string, as value and as key',
    value => {
      const docs = [{ metadata: { name: value, labels: { [value]: value } } }];
      const text = renderYaml(docs);
      expect(text).not.toMatch(new RegExp(`name: ${value}\\n`));
      expectReadAsMeant(docs, text);
    },
  );

  it('class 1: a Workspace named "on" is the string on for kubectl, not true', () => {
    const text = renderYaml([{ metadata: { name: 'on' } }]);
    expect(text).toContain('name: "on"');
    expect(decodeLikeGo(text, 'go-yaml-v2')).toEqual([
      { metadata: { name: 'on' } },
    ]);
    // What the unquoted text would have meant to kubectl:
    expect(resolvePlain('on', 'go-yaml-v2')).toEqual({
      type: 'bool',
      value: true,
    });
  });

  it('keeps numbers and booleans typed, and leaves ordinary strings plain', () => {
    const docs = [
      { replicas: 3, ratio: 0.5, prune: true, image: 'ghcr.io/acme/app:1.0' },
    ];
    const text = renderYaml(docs);
    expect(text).toContain('replicas: 3\n');
    expect(text).toContain('prune: true\n');
    expect(text).toContain('image: ghcr.io/acme/app:1.0\n');
    expectReadAsMeant(docs, text);
  });

  it.each([
    ['DEL', '\u007f'],
    ['a C1 control', '\u0080'],
    ['NEL', '\u0085'],
    ['LINE SEPARATOR', '\u2028'],
    ['PARAGRAPH SEPARATOR', '\u2029'],
    ['U+FFFE', '\ufffe'],
    ['U+FFFF', '\uffff'],
    ['a C0 control', '\u0001'],
  ])(
    'class 2: writes %s in free text as an escape every reader decodes to the same character',
    (_what, ch) => {
      const value = `before${ch}after`;
      const docs = [{ metadata: { annotations: { note: value } } }];
      const text = renderYaml(docs);
      expect(text).not.toContain(ch);
      expectReadAsMeant(docs, text);
    },
  );

  it('class 2: a quoted URL with NEL would read as a different URL in Go; escaped it reads the same', () => {
    const url = 'https://git.example.net/a\u0085b.git';
    const text = renderYaml([{ spec: { source: { repoURL: url } } }]);
    expect(text).toContain('repoURL: "https://git.example.net/a\\Nb.git"');
    expect(decodeLikeGo(text, 'go-yaml-v2')).toEqual([
      { spec: { source: { repoURL: url } } },
    ]);
  });

  it('writes multi-line text as a block that every reader reads back', () => {
    const docs = [{ data: { script: 'line 1\n  line 2\n\ttabbed\n' } }];
    expectReadAsMeant(docs, renderYaml(docs));
  });

  it('the readers model catches what an unquoted scalar would mean', () => {
    expect(() => expectReadAsMeant([{ a: 'on' }], 'a: on\n')).toThrow();
    expect(() => expectReadAsMeant([{ a: '1_000' }], 'a: 1_000\n')).toThrow();
    expect(() => expectReadAsMeant([{ a: '1:20' }], 'a: 1:20\n')).toThrow();
    expect(() => expectReadAsMeant([{ on: 'x' }], 'on: x\n')).toThrow();
    expect(() =>
      expectReadAsMeant([{ a: 'x\u0085y' }], 'a: "x\u0085y"\n'),
    ).toThrow();
  });

  it('is a pure function of its input', () => {
    const docs = [{ a: 'on', b: [1, 'two'], c: { d: 'x\u0085' } }];
    expect(renderYaml(docs)).toBe(renderYaml(docs));
  });

  it('quotes conservatively: only shapes that no reader can type stay plain', () => {
    for (const s of ['payments', 'app.kubernetes.io/name', 'v1', 'team-a']) {
      expect(mightNotReadAsString(s)).toBe(false);
    }
    for (const s of TYPED_WHEN_PLAIN) {
      expect(mightNotReadAsString(s)).toBe(true);
    }
  });
});
