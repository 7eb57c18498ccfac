import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { OwnershipResolver } from '@canopy-idp/plugin-openstack-node';
import { labProjects, labTenancy } from '../__testUtils__/testbeds';
import type { Application } from '../observers/ArgoCdObserver';
import { DeliveryObservationError } from '@canopy-idp/plugin-delivery-node';
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
  tenancy: labTenancy(),
  defaultCluster: async () => 'lab',
  argocd: {
    instance: name => {
      if (name === 'down' || !name)
        return { name: name ?? 'lab', url: '', token: '', uiUrl: '' };
      throw new DeliveryObservationError(
        `Argo CD instance '${name}' is not configured`,
      );
    },
    read: async (instance, name) => {
      if (instance.name === 'down')
        throw new DeliveryObservationError('no answer');
      return (
        {
          'shop-dev': { spec: { project: 'team-b' } },
          'blog-dev': { spec: { project: 'team-a' } },
        } as Record<string, Application>
      )[name];
    },
  },
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

describe('ExpectationsCheck, Kubernetes namespaces and Argo CD AppProjects', () => {
  const guest = {
    userEntityRef: 'user:default/guest',
    ownershipEntityRefs: ['user:default/guest', 'group:default/team-a'],
  };
  const kro = (namespace: string) => ({
    kroInstances: [
      {
        apiVersion: 'kro.run/v1alpha1',
        kind: 'WebApplication',
        namespace,
        name: 'blog',
      },
    ],
  });

  it("accepts KRO instances in the team's namespaces and its OpenStack project's", async () => {
    await expect(
      check.check(kro('team-a-dev'), guest),
    ).resolves.toBeUndefined();
    await expect(check.check(kro('demo'), guest)).resolves.toBeUndefined();
  });

  it.each(['team-b-dev', 'team-b', 'dev', 'kube-system'])(
    'refuses a KRO instance in namespace %s, naming the field and the rule',
    async namespace => {
      await expect(check.check(kro(namespace), guest)).rejects.toThrow(
        `expected.kroInstances[0].namespace: user:default/guest does not own namespace '${namespace}' in cluster 'lab' (rule: KRO instances are read only in a namespace`,
      );
    },
  );

  it("refuses another team's existing Argo CD application, and accepts one still to come", async () => {
    await expect(
      check.check({ argoCdApplications: [{ name: 'shop-dev' }] }, guest),
    ).rejects.toThrow(
      "expected.argoCdApplications[0].name: user:default/guest does not own the AppProject of application 'shop-dev' (rule: Argo CD applications are read only when their AppProject",
    );
    await expect(
      check.check(
        { argoCdApplications: [{ name: 'blog-dev' }, { name: 'blog-test' }] },
        guest,
      ),
    ).resolves.toBeUndefined();
  });

  it('leaves an instance that cannot be asked, or is not configured, to the checks at each look', async () => {
    await expect(
      check.check(
        {
          argoCdApplications: [
            { instance: 'down', name: 'shop-dev' },
            { instance: 'elsewhere', name: 'shop-dev' },
          ],
        },
        guest,
      ),
    ).resolves.toBeUndefined();
  });
});

describe('ExpectationsCheck, the pull request repository', () => {
  const guest = {
    userEntityRef: 'user:default/guest',
    ownershipEntityRefs: ['user:default/guest', 'group:default/team-a'],
  };
  it("accepts the team's repository and refuses another's, naming the rule", async () => {
    await expect(
      check.checkRepository(
        { host: 'github.example', owner: 'acme', repo: 'infra' },
        guest,
      ),
    ).resolves.toBeUndefined();
    await expect(
      check.checkRepository(
        { host: 'github.example', owner: 'team-b', repo: 'infra' },
        guest,
      ),
    ).rejects.toThrow(
      "pullRequestUrl: user:default/guest does not own repository 'github.example/team-b/infra' (rule: pull requests, their checks and pipelines are read only in a repository",
    );
  });
});
