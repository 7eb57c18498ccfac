import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { OwnershipResolver } from '@canopy-idp/plugin-openstack-node';
import { labProjects } from '../__testUtils__/testbeds';
import { ExpectationsCheck } from './checkExpectations';

const projects = labProjects();

// web-squad sits below team A (childOf); nothing sits below team B.
const check = new ExpectationsCheck({
  projects,
  ownership: new OwnershipResolver({
    catalog: catalogServiceMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'web-squad', namespace: 'default' },
          spec: { type: 'team', children: [] },
          relations: [{ type: 'childOf', targetRef: 'group:default/team-a' }],
        },
      ],
    }),
    auth: mockServices.auth(),
  }),
});

const openstack = (project: string) => ({
  openstack: {
    cloud: 'lab',
    project,
    entityRef: 'resource:default/web',
  },
});

describe('ExpectationsCheck, OpenStack projects', () => {
  const sam = {
    userEntityRef: 'user:default/Sam',
    ownershipEntityRefs: ['user:default/Sam', 'group:default/web-squad'],
  };

  it('counts the groups above the requester’s (childOf), as the OpenStack plugin does', async () => {
    await expect(check.check(openstack('demo'), sam)).resolves.toBeUndefined();
  });

  it('refuses a project none of them owns, naming the field and the rule', async () => {
    await expect(check.check(openstack('team-b'), sam)).rejects.toThrow(
      /^expected\.openstack\.project: user:default\/Sam does not own project 'team-b' \(rule: the OpenStack stage reads a project only when/,
    );
  });
});
