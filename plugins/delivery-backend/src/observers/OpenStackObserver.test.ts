import type {
  OpenStackEntityResources,
  OpenStackResources,
} from '@canopy-idp/plugin-openstack-common';
import {
  ProjectMap,
  type OpenStackService,
} from '@canopy-idp/plugin-openstack-node';
import { aRequest } from '../__testUtils__/requests';
import { OpenStackObserver } from './OpenStackObserver';

const empty: OpenStackResources = {
  servers: [],
  volumes: [],
  networks: [],
  subnets: [],
  routers: [],
  ports: [],
  floatingIps: [],
  securityGroups: [],
  loadBalancers: [],
};

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
  const projects = new ProjectMap([
    {
      name: 'lab',
      projects: [
        { name: 'demo', owners: ['group:default/team-a'], open: false },
        { name: 'team-b', owners: ['group:default/team-b'], open: false },
      ],
    } as any,
  ]);
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

describe('OpenStackObserver', () => {
  it('reads only the entity’s tag in the expected project and region', async () => {
    const { svc, listResources } = service({});
    const seen = await new OpenStackObserver(svc).observe(request());
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
      false,
    );
  });

  it('denies a project the requester’s teams do not own, naming the rule, before reading anything', async () => {
    const { svc, listResources } = service({});
    const seen = await new OpenStackObserver(svc).observe(request('team-b'));
    expect(seen.state).toBe('failed');
    expect(seen.message).toMatch(
      /^Denied: user:default\/guest does not own project 'team-b' \(rule: the OpenStack stage reads a project only when/,
    );
    expect(listResources).not.toHaveBeenCalled();
    const unmapped = await new OpenStackObserver(svc).observe(
      request('secret'),
    );
    expect(unmapped.message).toMatch(
      /project 'secret' is not mapped in cloud 'lab'/,
    );
  });

  it('runs while a server builds, succeeds when all are ACTIVE or available, fails on ERROR', async () => {
    const building = service({
      servers: [server('web-1', 'ACTIVE'), server('web-2', 'BUILD')],
    }).svc;
    expect(
      await new OpenStackObserver(building).observe(request()),
    ).toMatchObject({
      state: 'running',
      message: '1 of 2 ready; server web-2 BUILD',
    });
    const ready = service({
      servers: [server('web-1', 'ACTIVE')],
      volumes: [{ id: 'v1', name: 'data', status: 'in-use' } as any],
    }).svc;
    const seen = await new OpenStackObserver(ready).observe(request());
    expect(seen.state).toBe('succeeded');
    expect(seen.message).toBe(
      '2 resource(s) ready: server web-1 ACTIVE, volume data in-use',
    );
    expect(seen.links?.[0]).toEqual({
      title: 'Horizon: server web-1',
      url: 'https://horizon.lab.example/dashboard/project/instances/id-web-1/',
    });
    const broken = service({ servers: [server('web-1', 'ERROR')] }).svc;
    expect(
      await new OpenStackObserver(broken).observe(request()),
    ).toMatchObject({
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
    await expect(new OpenStackObserver(svc).observe(request())).rejects.toThrow(
      'OpenStack compute in RegionOne: timeout',
    );
  });
});
