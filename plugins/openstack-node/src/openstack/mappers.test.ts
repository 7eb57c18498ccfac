/**
 * The pure mappers of each OpenStack service module, on the answers recorded
 * from Canopy's test bed (testbed/openstack/record-fixtures.mts): every field
 * the frontend reads comes out typed and in place.
 */
import { fixtureBody } from '../testUtils/fakeOpenStack';
import { toVolume } from './blockStorage';
import { toAvailabilityZone, toFlavor, toKeyPair, toServer } from './compute';
import { toImage } from './image';
import { toLoadBalancer } from './loadBalancer';
import {
  toFloatingIp,
  toNetwork,
  toPort,
  toRouter,
  toSecurityGroup,
  toSubnet,
} from './networkMappers';
import { toQuotaSet } from './quotas';

const region = 'RegionOne';

/** A recorded list of the test bed, each item mapped in `region`. */
const mapped = <T>(
  fixture: string,
  key: string,
  map: (raw: any, inRegion: string) => T,
): T[] => fixtureBody(fixture)[key].map((raw: any) => map(raw, region));

describe('compute mappers', () => {
  it('maps a server with flavor details, addresses, tags and attached volumes', () => {
    const servers = mapped('compute-servers', 'servers', toServer);
    const web1 = servers.find(s => s.name === 'payments-web-1')!;
    expect(web1).toMatchObject({
      region,
      status: 'ACTIVE',
      flavor: {
        name: 'm1.tiny',
        vcpus: expect.any(Number),
        ramMiB: expect.any(Number),
      },
      tags: ['canopy.entity=component.default.payments'],
    });
    expect(web1.addresses.length).toBeGreaterThan(0);
    expect(web1.addresses[0]).toEqual({
      network: 'payments-net',
      address: expect.any(String),
      type: expect.stringMatching(/^(fixed|floating)$/),
      version: 4,
    });
    // payments-data is attached to payments-web-1.
    const volume = fixtureBody('volume-volumes').volumes[0];
    expect(web1.volumeIds).toContain(volume.id);
  });

  it('maps flavors, key pairs and zones', () => {
    const flavor = toFlavor(fixtureBody('compute-flavors').flavors[0]);
    expect(flavor).toEqual({
      id: expect.any(String),
      name: expect.any(String),
      vcpus: expect.any(Number),
      ramMiB: expect.any(Number),
      diskGiB: expect.any(Number),
      ephemeralGiB: expect.any(Number),
      isPublic: expect.any(Boolean),
    });
    const keyPairs = fixtureBody('compute-keypairs').keypairs.map(toKeyPair);
    expect(keyPairs).toEqual([
      { name: 'canopy-demo', type: 'ssh', fingerprint: expect.any(String) },
    ]);
    const zones = fixtureBody(
      'compute-availability-zones',
    ).availabilityZoneInfo.map(toAvailabilityZone);
    expect(zones).toContainEqual({ name: 'nova', available: true });
  });

  it('keeps only the quotas of a quota set, with limit, in use and reserved as numbers', () => {
    const quotas = toQuotaSet(
      fixtureBody('compute-quotas').quota_set,
      'in_use',
    );
    expect(quotas.instances).toEqual({
      limit: 12,
      inUse: expect.any(Number),
      reserved: expect.any(Number),
    });
    expect(quotas.id).toBeUndefined();
  });
});

describe('network mappers', () => {
  it('maps the tagged networks, subnets, routers, ports, floating IPs and security groups', () => {
    const [network] = mapped('network-networks', 'networks', toNetwork);
    expect(network).toMatchObject({
      name: 'payments-net',
      external: false,
      shared: false,
      subnetIds: [expect.any(String)],
    });
    const [subnet] = mapped('network-subnets', 'subnets', toSubnet);
    expect(subnet).toMatchObject({
      name: 'payments-subnet',
      cidr: '10.20.0.0/24',
      ipVersion: 4,
      networkId: network.id,
    });
    const [router] = mapped('network-routers', 'routers', toRouter);
    const external = fixtureBody('network-networks-external').networks[0];
    expect(router).toMatchObject({
      name: 'payments-router',
      externalNetworkId: external.id,
    });
    const ports = mapped('network-ports', 'ports', toPort);
    expect(ports.map((p: any) => p.name)).toContain('payments-port');
    expect(ports[0].fixedIps[0]).toEqual({
      subnetId: subnet.id,
      ipAddress: expect.any(String),
    });
    const [fip] = mapped('network-floatingips', 'floatingips', toFloatingIp);
    const web1 = fixtureBody('compute-servers').servers.find(
      (s: any) => s.name === 'payments-web-1',
    );
    expect(fip).toMatchObject({
      floatingIpAddress: expect.stringMatching(/^203\.0\.113\./),
      floatingNetworkId: external.id,
      portId: expect.any(String),
      // From Neutron's port details: the server the address points at.
      serverId: web1.id,
    });
    const [group] = mapped(
      'network-security-groups',
      'security_groups',
      toSecurityGroup,
    );
    expect(group.name).toBe('payments-sg');
    expect(group.rules).toContainEqual(
      expect.objectContaining({
        direction: 'ingress',
        protocol: 'tcp',
        portRangeMin: 443,
        portRangeMax: 443,
        remoteIpPrefix: '0.0.0.0/0',
      }),
    );
  });

  it('maps shared and external networks, and Neutron quotas (used, not in_use)', () => {
    const external = mapped('network-networks-external', 'networks', toNetwork);
    expect(external.every((n: any) => n.external)).toBe(true);
    const quotas = toQuotaSet(fixtureBody('network-quotas').quota, 'used');
    expect(quotas.network).toEqual({
      limit: expect.any(Number),
      inUse: expect.any(Number),
      reserved: expect.any(Number),
    });
  });
});

describe('block storage, load balancer and image mappers', () => {
  it('maps the tagged volume with its attachment and metadata', () => {
    const [volume] = mapped('volume-volumes', 'volumes', toVolume);
    expect(volume).toMatchObject({
      name: 'payments-data',
      sizeGiB: 1,
      bootable: false,
      status: 'in-use',
      metadata: { 'canopy.entity': 'component.default.payments' },
      attachments: [{ serverId: expect.any(String) }],
    });
  });

  it('maps a load balancer with its listener, pool and member', () => {
    const lbs = fixtureBody('lb-loadbalancers').loadbalancers;
    const listeners = fixtureBody('lb-listeners').listeners;
    const pools = fixtureBody('lb-pools').pools;
    const members = {
      [pools[0].id]: fixtureBody('lb-pool-members-0').members,
    };
    const lb = toLoadBalancer(lbs[0], region, listeners, pools, members);
    expect(lb).toMatchObject({
      name: 'payments-lb',
      vipSubnetId: expect.any(String),
      listeners: [
        { name: 'payments-https', protocol: 'TCP', protocolPort: 443 },
      ],
      pools: [
        {
          name: 'payments-pool',
          protocol: 'TCP',
          lbAlgorithm: 'ROUND_ROBIN',
          members: [
            {
              name: 'payments-web-1',
              address: expect.stringMatching(/^10\.20\.0\./),
              protocolPort: 443,
            },
          ],
        },
      ],
    });
  });

  it('maps images', () => {
    const images = fixtureBody('image-images').images.map(toImage);
    expect(images.map((i: any) => i.name)).toContain('tiny-raw');
    expect(images[0]).toEqual(
      expect.objectContaining({
        status: 'active',
        minDiskGiB: expect.any(Number),
        minRamMiB: expect.any(Number),
      }),
    );
  });
});
