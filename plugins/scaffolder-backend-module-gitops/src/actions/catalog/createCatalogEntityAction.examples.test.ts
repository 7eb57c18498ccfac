import {
  componentEntityV1alpha1Validator,
  Entity,
  FieldFormatEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { exampleCases } from '@canopy-idp/plugin-scaffolder-node-test-utils';
import { createCatalogEntityAction } from './createCatalogEntityAction';
import { examples } from './createCatalogEntityAction.examples';

async function render(input: Record<string, unknown>) {
  const workspacePath = mkdtempSync(path.join(tmpdir(), 'canopy-entity-'));
  const ctx = createMockActionContext({ input: input as any, workspacePath });
  await createCatalogEntityAction().handler(ctx as any);
  const target = (input.targetPath as string | undefined) ?? '.';
  return yaml.parse(
    readFileSync(path.join(workspacePath, target, 'catalog-info.yaml'), 'utf8'),
  ) as Entity;
}

/** What the catalog itself checks before it accepts an entity. */
async function expectValidEntity(entity: Entity) {
  await expect(new SchemaValidEntityPolicy().enforce(entity)).resolves.toBe(
    entity,
  );
  await expect(new FieldFormatEntityPolicy().enforce(entity)).resolves.toBe(
    entity,
  );
  const validator =
    entity.kind === 'Resource'
      ? resourceEntityV1alpha1Validator
      : componentEntityV1alpha1Validator;
  await expect(validator.check(entity)).resolves.toBe(true);
}

describe('createCatalogEntityAction', () => {
  it.each(exampleCases(examples))('example: %s', async (_d, example) => {
    const step = yaml.parse(example.example).steps[0];
    await expectValidEntity(await render(step.input));
  });

  it('annotates the entity for the OpenStack, Kubernetes and Argo CD views', async () => {
    const entity = await render({
      kind: 'Resource',
      name: 'payments-web',
      type: 'openstack-servers',
      owner: 'group:default/team-a',
      openstack: { cloud: 'lab', regions: ['RegionOne'], project: 'demo' },
      kubernetes: { id: 'payments', namespace: 'team-a' },
      argocdAppName: 'payments',
    });
    expect(entity.metadata.annotations).toEqual({
      'openstack.canopy-idp.io/cloud': 'lab',
      'openstack.canopy-idp.io/regions': 'RegionOne',
      'openstack.canopy-idp.io/project': 'demo',
      'backstage.io/kubernetes-id': 'payments',
      'backstage.io/kubernetes-namespace': 'team-a',
      'argocd/app-name': 'payments',
    });
    expect(entity.spec).toEqual({
      type: 'openstack-servers',
      owner: 'group:default/team-a',
    });
  });

  it('keeps YAML-significant text intact', async () => {
    const description = 'a: b\n- c # \'d\' "e" {f} ${{ g }}';
    const entity = await render({
      name: 'tricky',
      type: 'service',
      owner: 'team-a',
      description,
    });
    expect(entity.metadata.description).toBe(description);
    await expectValidEntity(entity);
  });

  it('names the field and the rule on bad input', async () => {
    await expect(
      render({ name: 'Bad Name!', owner: 'team-a', tags: ['Not OK'] }),
    ).rejects.toThrow(
      /name: name must be 1-63 characters.*tags\.0: tags must be.*type: type is required for a Component/,
    );
  });

  it.each([' ', '\t', ' \u00a0 '])(
    'refuses the blank link title %j the catalog would refuse',
    async title => {
      const entity = {
        name: 'web',
        owner: 'team-a',
        type: 'service',
        links: [{ url: 'https://x.example.net', title }],
      };
      await expect(render(entity)).rejects.toThrow(
        'links.0.title: links[].title must hold more than whitespace (the catalog refuses a blank link title)',
      );
    },
  );

  it('keeps a title with edge spaces, which the catalog takes', async () => {
    const entity = await render({
      name: 'web',
      owner: 'team-a',
      type: 'service',
      links: [{ url: 'https://x.example.net', title: ' Docs ' }],
    });
    expect(entity.metadata.links).toEqual([
      { url: 'https://x.example.net', title: ' Docs ' },
    ]);
    await expectValidEntity(entity);
  });

  it.each([
    [
      'cloud',
      { cloud: 'lab\ud800' },
      'openstack.cloud: openstack.cloud must not contain unpaired UTF-16 surrogates',
    ],
    [
      'project',
      { cloud: 'lab', project: '\udc00p' },
      'openstack.project: openstack.project must not contain unpaired UTF-16 surrogates',
    ],
    [
      'tags',
      { cloud: 'lab', tags: ['a\ud83d'] },
      'openstack.tags.0: openstack.tags[] must not contain unpaired UTF-16 surrogates',
    ],
  ])(
    'refuses an unpaired surrogate in openstack.%s',
    async (_field, openstack, message) => {
      await expect(
        render({ name: 'web', owner: 'team-a', type: 'service', openstack }),
      ).rejects.toThrow(message);
    },
  );
});
