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

  it('allows an entity whose mapped project the claims own (by name or id, without case), and nothing else', () => {
    const teamA = { claims: ['Group:default/Team-A'] };
    expect(rule.apply(entity({ [lab]: 'lab', [project]: 'demo' }), teamA)).toBe(
      true,
    );
    expect(
      rule.apply(entity({ [lab]: 'lab', [project]: 'p-demo' }), teamA),
    ).toBe(true);
    expect(
      rule.apply(entity({ [lab]: 'lab', [project]: 'orders' }), teamA),
    ).toBe(false);
    // Unmapped project, unknown cloud, no annotations: nobody's.
    expect(
      rule.apply(entity({ [lab]: 'lab', [project]: 'other' }), teamA),
    ).toBe(false);
    expect(
      rule.apply(entity({ [lab]: 'prod', [project]: 'demo' }), teamA),
    ).toBe(false);
    expect(rule.apply(entity({}), teamA)).toBe(false);
  });

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
