import { entityResourcesOf } from '@canopy-idp/plugin-openstack-common/testUtils';
import type {
  OpenStackEntityResources,
  OpenStackResources,
} from '@canopy-idp/plugin-openstack-common';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  OwnershipResolver,
  type OpenStackService,
} from '@canopy-idp/plugin-openstack-node';
import { aRequest } from '../__testUtils__/requests';
import { labProjects } from '../__testUtils__/testbeds';
import { OpenStackObserver } from './OpenStackObserver';

const empty: OpenStackResources = entityResourcesOf().resources;

function service(resources: Partial<OpenStackResources>, sources: any[] = []) {
  const listResources = jest.fn(
    async (): Promise<OpenStackEntityResources> => ({
      entityRef: 'resource:default/web',
      cloud: 'lab',
      project: 'demo',
      regions: ['RegionOne'],
      tags: [],
      resources: { ...empty, ...resources },
      quotas: [],
      truncated: [],
      sources,
      horizonUrl: 'https://horizon.lab.example/dashboard',
    }),
  );
  const projects = labProjects();
  return {
    svc: { projects, listResources } as unknown as OpenStackService,
    listResources,
  };
}

const server = (name: string, status: string) =>
  ({ id: `id-${name}`, name, region: 'RegionOne', status, tags: [] } as any);

const request = (project = 'demo') =>
  aRequest({
    openstack: {
      cloud: 'lab',
      project,
      region: 'RegionOne',
      entityRef: 'resource:default/web',
    },
  });

/** Ownership as the plugin resolves it, from a catalog holding `entities`. */
const ownership = (entities: Entity[] = []) =>
  new OwnershipResolver({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
  });

const user = (name: string, memberOf: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: {},
  relations: memberOf.map(targetRef => ({ type: 'memberOf', targetRef })),
});

const group = (name: string, childOf: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: childOf.map(targetRef => ({ type: 'childOf', targetRef })),
});

/** The guest is not in this catalog: the refs it signed in with count (team A). */
const observer = (svc: OpenStackService, entities?: Entity[]) =>
  new OpenStackObserver(svc, ownership(entities));

describe('OpenStackObserver', () => {
  it('reads only the entity’s tag in the expected project and region', async () => {
    const { svc, listResources } = service({});
    const seen = await observer(svc).observe(request());
    expect(seen).toEqual({
      state: 'pending',
      message:
        "No resource tagged canopy.entity=resource.default.web in project 'demo' yet",
    });
    expect(listResources).toHaveBeenCalledWith(
      'resource:default/web',
      expect.objectContaining({
        cloud: 'lab',
        regions: ['RegionOne'],
        tags: ['canopy.entity=resource.default.web'],
        project: expect.objectContaining({ name: 'demo' }),
      }),
      undefined,
      // No quotas, no run-rate.
      false,
      false,
    );
  });

  it('denies a project the requester’s teams do not own, naming the rule, before reading anything', async () => {
    const { svc, listResources } = service({});
    const seen = await observer(svc).observe(request('team-b'));
    expect(seen.state).toBe('failed');
    expect(seen.message).toMatch(
      /^Denied: user:default\/guest does not own project 'team-b' \(rule: the OpenStack stage reads a project only when/,
    );
    expect(listResources).not.toHaveBeenCalled();
    const unmapped = await observer(svc).observe(request('secret'));
    expect(unmapped.message).toMatch(
      /project 'secret' is not mapped in cloud 'lab'/,
    );
  });

  it('asks the catalog which teams the requester is in at the time of the check, with the groups above them', async () => {
    const { svc, listResources } = service({});
    // The guest moved from team A to team B after the request was recorded.
    const moved = [user('guest', ['group:default/team-b'])];
    const denied = await observer(svc, moved).observe(request('demo'));
    expect(denied.state).toBe('failed');
    expect(denied.message).toMatch(
      /^Denied: user:default\/guest does not own project 'demo'/,
    );
    expect(listResources).not.toHaveBeenCalled();
    expect((await observer(svc, moved).observe(request('team-b'))).state).toBe(
      'pending',
    );
    // In a squad whose parent group (childOf) owns the project.
    const squad = [
      user('guest', ['group:default/web-squad']),
      group('web-squad', ['group:default/team-a']),
    ];
    expect((await observer(svc, squad).observe(request('demo'))).state).toBe(
      'pending',
    );
  });

  it('runs while a server builds, succeeds when all are ACTIVE or available, fails on ERROR', async () => {
    const building = service({
      servers: [server('web-1', 'ACTIVE'), server('web-2', 'BUILD')],
    }).svc;
    expect(await observer(building).observe(request())).toMatchObject({
      state: 'running',
      message: '1 of 2 ready; server web-2 BUILD',
    });
    const ready = service({
      servers: [server('web-1', 'ACTIVE')],
      volumes: [{ id: 'v1', name: 'data', status: 'in-use' } as any],
    }).svc;
    const seen = await observer(ready).observe(request());
    expect(seen.state).toBe('succeeded');
    expect(seen.message).toBe(
      '2 resource(s) ready: server web-1 ACTIVE, volume data in-use',
    );
    expect(seen.links?.[0]).toEqual({
      title: 'Horizon: server web-1',
      url: 'https://horizon.lab.example/dashboard/project/instances/id-web-1/',
    });
    const broken = service({ servers: [server('web-1', 'ERROR')] }).svc;
    expect(await observer(broken).observe(request())).toMatchObject({
      state: 'failed',
      message: 'server web-1 is ERROR',
    });
  });

  it('throws when a service could not be read, so the stage is unknown rather than wrong', async () => {
    const { svc } = service({}, [
      {
        cloud: 'lab',
        region: 'RegionOne',
        service: 'compute',
        status: 'timeout',
        kinds: ['servers'],
        durationMs: 5000,
      },
    ]);
    await expect(observer(svc).observe(request())).rejects.toThrow(
      'OpenStack compute in RegionOne: timeout',
    );
  });
});
