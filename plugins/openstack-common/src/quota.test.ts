import {
  describeQuotaViolations,
  quotaRequestFor,
  quotaViolations,
} from './quota';

const small = { name: 'm1.small', vcpus: 1, ramMiB: 2048 };

describe('quota requests', () => {
  it('adds up servers, their volumes and floating IPs, and loose volumes', () => {
    expect(
      quotaRequestFor({
        servers: [
          {
            flavor: small,
            count: 3,
            volumesGiB: [20, 0, 50],
            floatingIp: true,
          },
        ],
        volumesGiB: [100],
        floatingIps: 1,
      }),
    ).toEqual({
      instances: 3,
      cores: 3,
      ramMiB: 6144,
      volumes: 7,
      gigabytes: 310,
      floatingIps: 4,
    });
  });

  it('names each exceeded limit and by how much; unlimited and unreported quotas never fail', () => {
    const request = quotaRequestFor({
      servers: [{ flavor: small, count: 2, volumesGiB: [10] }],
    });
    const violations = quotaViolations(request, {
      compute: { instances: 1, cores: null, ram: 100000 },
      volume: { volumes: -2 },
      network: {},
    });
    expect(violations).toEqual([
      {
        limit: 'instances',
        quota: 'compute.instances',
        requested: 2,
        remaining: 1,
        exceededBy: 1,
      },
      {
        limit: 'volumes',
        quota: 'volume.volumes',
        requested: 2,
        remaining: 0,
        exceededBy: 2,
      },
    ]);
    expect(describeQuotaViolations(violations)).toBe(
      'compute.instances: asks for 2, 1 left (over by 1); volume.volumes: asks for 2, 0 left (over by 2)',
    );
  });

  it('is empty when the request fits', () => {
    expect(
      quotaViolations(
        quotaRequestFor({ servers: [{ flavor: small, count: 1 }] }),
        {
          compute: { instances: 1, cores: 1, ram: 2048 },
          volume: {},
          network: {},
        },
      ),
    ).toEqual([]);
  });
});
