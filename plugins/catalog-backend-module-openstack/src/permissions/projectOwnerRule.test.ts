import type { Entity } from '@backstage/catalog-model';
import {
  ProjectMap,
  readPluginOptions,
} from '@canopy-idp/plugin-openstack-node';
import { mockServices } from '@backstage/backend-test-utils';
import {
  createProjectOwnerRule,
  isOpenStackProjectOwner,
  IS_OPENSTACK_PROJECT_OWNER,
} from './projectOwnerRule';

const projects = new ProjectMap(
  readPluginOptions(
    mockServices.rootConfig({
      data: {
        openstack: {
          clouds: [
            {
              name: 'lab',
              authUrl: 'http://127.0.0.1:9/v3',
              applicationCredential: { id: 'id', secret: 'secret' },
              projects: [
                {
                  name: 'demo',
                  id: 'p-demo',
                  owners: ['group:default/team-a'],
                },
                { name: 'orders', owners: ['group:default/team-b'] },
              ],
            },
          ],
        },
      },
    }),
  ).clouds,
);

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'x', annotations },
  spec: {},
});

describe('IS_OPENSTACK_PROJECT_OWNER', () => {
  const rule = createProjectOwnerRule(projects);
  const lab = 'openstack.canopy-idp.io/cloud';
  const project = 'openstack.canopy-idp.io/project';

  // Mapped projects by name or id, without case; an unmapped project, an
  // unknown cloud or no annotations: nobody's.
  it.each<[Record<string, string>, boolean]>([
    [{ [lab]: 'lab', [project]: 'demo' }, true],
    [{ [lab]: 'lab', [project]: 'p-demo' }, true],
    [{ [lab]: 'lab', [project]: 'orders' }, false],
    [{ [lab]: 'lab', [project]: 'other' }, false],
    [{ [lab]: 'prod', [project]: 'demo' }, false],
    [{}, false],
  ])(
    "allows team A's claims on an entity annotated %o: %s",
    (annotations, allowed) => {
      const teamA = { claims: ['Group:default/Team-A'] };
      expect(rule.apply(entity(annotations), teamA)).toBe(allowed);
    },
  );

  it('turns into a catalog query over the annotations of the projects the claims own; none owned matches nothing', () => {
    expect(rule.toQuery({ claims: ['group:default/team-a'] })).toEqual({
      anyOf: [
        {
          allOf: [
            { key: `metadata.annotations.${lab}`, values: ['lab'] },
            {
              key: `metadata.annotations.${project}`,
              values: ['p-demo', 'demo'],
            },
          ],
        },
      ],
    });
    expect(rule.toQuery({ claims: ['user:default/nobody'] })).toEqual({
      key: `metadata.annotations.${lab}`,
      values: [],
    });
  });

  it('has a condition for permission policies naming it', () => {
    expect(isOpenStackProjectOwner({ claims: ['user:default/a'] })).toEqual({
      rule: IS_OPENSTACK_PROJECT_OWNER,
      resourceType: 'catalog-entity',
      params: { claims: ['user:default/a'] },
    });
  });
});
