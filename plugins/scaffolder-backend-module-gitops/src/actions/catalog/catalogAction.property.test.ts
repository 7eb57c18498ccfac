/**
 * Property test of `canopy:catalog:entity` (issue 21, items 9 and 10): for
 * generated titles, link titles, descriptions and OpenStack names (blank,
 * whitespace-only, YAML specials, unpaired surrogates among them), the
 * action either refuses naming the field, or writes a catalog-info.yaml that
 * go-yaml reads as meant and the catalog's own policies accept.
 */
import {
  componentEntityV1alpha1Validator,
  Entity,
  FieldFormatEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import {
  expectReadAsMeant,
  PROPERTY_TIMEOUT_MS,
  propertyParameters,
} from '@canopy-idp/plugin-scaffolder-node-test-utils';
import { createCatalogEntityAction } from './createCatalogEntityAction';

jest.setTimeout(PROPERTY_TIMEOUT_MS);

const tricky = fc.constantFrom(
  ' ',
  '\t',
  ' \u00a0 ',
  '',
  'a\ud800',
  '\udc00b',
  ': x',
  '- x',
  '#',
  'on',
  'null',
  '1e3',
  ' Docs ',
  '\u2028',
  '"',
  "'",
  'a,b',
);
const text = fc.oneof(
  tricky,
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
);
const input = fc.record(
  {
    title: text,
    description: text,
    links: fc.array(
      fc.record(
        { url: fc.constant('https://docs.example.net/x'), title: text },
        { requiredKeys: ['url'] },
      ),
      { maxLength: 3 },
    ),
    openstack: fc.record(
      {
        cloud: text,
        project: text,
        tags: fc.array(text, { maxLength: 3 }),
      },
      { requiredKeys: ['cloud'] },
    ),
  },
  { requiredKeys: [] },
);

/** Refused: an InputError naming the field. */
function expectRefused(error: Error) {
  expect(error.name).toBe('InputError');
  expect(error.message).toMatch(
    /(title|description|links\.\d+\.title|openstack\.(cloud|project|tags\.\d+)): /,
  );
}

/** Written: go-yaml reads it as meant, and the catalog's policies accept it. */
async function expectAccepted(workspacePath: string, links: unknown[]) {
  const written = readFileSync(
    path.join(workspacePath, 'catalog-info.yaml'),
    'utf8',
  );
  const entity = yaml.parse(written) as Entity;
  expectReadAsMeant([entity], written);
  await expect(new SchemaValidEntityPolicy().enforce(entity)).resolves.toBe(
    entity,
  );
  await expect(new FieldFormatEntityPolicy().enforce(entity)).resolves.toBe(
    entity,
  );
  await expect(componentEntityV1alpha1Validator.check(entity)).resolves.toBe(
    true,
  );
  expect(entity.metadata.links ?? []).toEqual(links);
}

describe('canopy:catalog:entity with generated text', () => {
  it('refuses naming the field, or writes what go-yaml and the catalog read as meant', async () => {
    const action = createCatalogEntityAction();
    await fc.assert(
      fc.asyncProperty(input, async generated => {
        const workspacePath = mkdtempSync(
          path.join(tmpdir(), 'canopy-entity-property-'),
        );
        try {
          const ctx = createMockActionContext({
            input: {
              name: 'web',
              owner: 'group:default/team-a',
              type: 'service',
              ...generated,
            } as any,
            workspacePath,
          });
          let error: Error | undefined;
          await action.handler(ctx as any).catch(e => {
            error = e;
          });
          if (error) expectRefused(error);
          else await expectAccepted(workspacePath, generated.links ?? []);
        } finally {
          rmSync(workspacePath, { recursive: true, force: true });
        }
      }),
      propertyParameters,
    );
  });
});
