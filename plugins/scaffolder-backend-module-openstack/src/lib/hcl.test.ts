import { parse } from '@cdktf/hcl2json';
import fc from 'fast-check';
import { hclUnicodeProblem } from '@canopy-idp/plugin-scaffolder-node';
import {
  attr,
  block,
  call,
  escapeTemplate,
  modulePath,
  ref,
  renderHcl,
} from './hcl';
import { terraformFmtDiff } from '@canopy-idp/plugin-scaffolder-node-test-utils';

/** hcl2json writes literal `${`/`%{` in its JSON form as `$${`/`%%{`; undo that. */
const fromJsonForm = (s: string) =>
  s.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');

const sample = renderHcl(
  [
    block(
      'terraform',
      [],
      [
        block(
          'required_providers',
          [],
          [
            attr('openstack', {
              source: 'terraform-provider-openstack/openstack',
              version: '~> 3.0',
            }),
          ],
        ),
      ],
    ),
    block(
      'resource',
      ['openstack_networking_network_v2', 'main'],
      [
        attr('name', 'net-a'),
        attr('admin_state_up', true),
        attr('tags', ['canopy.entity=component.default.a', 'x']),
        attr('value_specs', { 'a.b': 'c', dd: 'e' }),
        attr('mtu', 1450),
        block('segments', [], [attr('network_type', 'vxlan')]),
      ],
    ),
    block(
      'resource',
      ['openstack_compute_instance_v2', 'vm'],
      [
        attr('count', ref('var', 'instance_count')),
        attr('name', 'vm'),
        attr('user_data', call('file', modulePath('cloud-init/vm.yaml'))),
        attr('metadata', { nested: { deep: 'x', longer_key: '1' }, flat: 'y' }),
        block(
          'network',
          [],
          [attr('uuid', ref('openstack_networking_network_v2', 'main', 'id'))],
        ),
        block('lifecycle', [], []),
      ],
    ),
  ],
  'Rendered by Canopy.',
);

describe('renderHcl', () => {
  it('writes blocks, aligned attributes, maps and references', () => {
    expect(sample).toContain(
      '  name           = "net-a"\n  admin_state_up = true\n',
    );
    expect(sample).toContain(
      '  value_specs = {\n    "a.b" = "c"\n    dd    = "e"\n  }\n',
    );
    expect(sample).toContain(
      'user_data = file("${path.module}/cloud-init/vm.yaml")',
    );
    expect(sample.startsWith('# Rendered by Canopy.\n\n')).toBe(true);
  });

  it('is already formatted as terraform fmt would (where terraform exists)', () => {
    const diff = terraformFmtDiff({ 'main.tf': sample });
    if (diff === undefined) {
      console.warn('terraform not found: terraform fmt -check not run');
      return;
    }
    expect(diff).toBe('');
  });

  // Issue 21, item 8: hclwrite counts each token's clusters on its own.
  it.each([
    ['a combining mark first', '\u0301x'],
    ['ZWJ first', '\u200dx'],
    ['VS16 first', '\ufe0fx'],
    ['a skin-tone modifier first', '\u{1f3fb}x'],
    ['U+0600 last', 'x\u0600'],
    ['a mark after $', 'a$\u0301'],
    ['a mark after %', 'a%\u0301b'],
    ['a template escape', 'a${\u0301'],
    ['an Indic conjunct (no GB9c in Unicode 15.0)', '\u0915\u094d\u0937'],
    ['a family emoji', '\u{1f468}\u200d\u{1f469}\u200d\u{1f467}'],
    ['a Khmer conjunct', '\u1780\u17d2\u1781'],
    ['a Devanagari half form (virama, ZWJ)', '\u0915\u094d\u200d\u0937'],
    ['a Myanmar conjunct', '\u1000\u1039\u1001'],
    ['a Javanese conjunct', '\ua98f\ua9c0\ua991'],
    ['Thai AM after a tone mark (joins)', '\u0e01\u0e48\u0e33'],
    ['a kana voicing mark', 'x\u3099y'],
  ])('aligns keys as terraform fmt does: %s', (_what, key) => {
    const main = renderHcl([
      block(
        'resource',
        ['openstack_blockstorage_volume_v3', 'v'],
        [attr('metadata', { [key]: 'v', b: 'w', [`${key}${key}`]: 'x' })],
      ),
    ]);
    const diff = terraformFmtDiff({ 'main.tf': main });
    if (diff === undefined) {
      console.warn('terraform not found: terraform fmt -check not run');
      return;
    }
    expect(diff).toBe('');
  });

  it('parses back with an HCL parser', async () => {
    const json: any = await parse('main.tf', sample);
    expect(
      json.resource.openstack_networking_network_v2.main[0].value_specs,
    ).toEqual({
      'a.b': 'c',
      dd: 'e',
    });
    expect(json.resource.openstack_compute_instance_v2.vm[0].count).toBe(
      '${var.instance_count}',
    );
  });

  it('escapes template sequences and control characters', () => {
    expect(escapeTemplate('a"b\\c\n${x}%{y}\u0001')).toBe(
      'a\\"b\\\\c\\n$${x}%%{y}\\u0001',
    );
  });

  it('refuses strings that HCL would change (not NFC)', () => {
    expect(() => escapeTemplate('\uF9F1')).toThrow(
      'not in Unicode normalization form NFC',
    );
  });

  it('refuses expressions built from anything but identifiers', () => {
    expect(() => ref('var', 'x}; evil')).toThrow('not an HCL identifier');
    expect(() => call('file("x")')).toThrow('not an HCL identifier');
  });

  it('round-trips every string and key exactly (property, 1000 runs)', async () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 }).filter(s => {
      // Lone surrogates cannot be written as UTF-8 at all; they are refused.
      return !/[\ud800-\udfff]/.test(
        s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''),
      );
    });
    const specials = fc.constantFrom(
      '${',
      '%{',
      '$${',
      '%%{',
      '"',
      '\\',
      '\n',
      '\r\n',
      '}',
      '#',
      '//',
      '/*',
      '<<EOF',
      'é',
      '🌲',
      '\u0000',
      '\u007f',
    );
    // HCL keeps strings in Unicode NFC; what Terraform would read as another
    // string is refused (tested in hclUnicode.test.ts), so it is not generated.
    const value = fc
      .array(fc.oneof(text, specials), { maxLength: 6 })
      .map(parts => parts.join('').normalize('NFC'))
      .filter(s => hclUnicodeProblem(s) === undefined);
    await fc.assert(
      fc.asyncProperty(value, value, async (v, k) => {
        const hcl = renderHcl([
          block(
            'resource',
            ['openstack_networking_network_v2', 'x'],
            [
              attr('name', v),
              attr('tags', [v, k]),
              attr('value_specs', { [k || 'empty']: v }),
            ],
          ),
        ]);
        const json: any = await parse('main.tf', hcl);
        const r = json.resource.openstack_networking_network_v2.x[0];
        expect(fromJsonForm(r.name)).toBe(v);
        expect(r.tags.map(fromJsonForm)).toEqual([v, k]);
        expect(
          Object.entries(r.value_specs).map(([a, b]) => [
            fromJsonForm(a),
            fromJsonForm(b as string),
          ]),
        ).toEqual([[k || 'empty', v]]);
      }),
      { numRuns: 1000 },
    );
  }, 120_000);
});
