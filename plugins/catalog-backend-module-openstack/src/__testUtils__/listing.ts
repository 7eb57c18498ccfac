/**
 * A small project listing as the OpenStack backend answers it (the shapes of
 * @canopy-idp/plugin-openstack-common), and an inventory that serves it, for
 * the provider's offline tests.
 */
import {
  OPENSTACK_RESOURCE_KINDS,
  type OpenStackEntityResources,
  type OpenStackResourceKind,
  type OpenStackResources,
  type OpenStackSourceStatus,
} from '@canopy-idp/plugin-openstack-common';
import type {
  InventoryCloud,
  OpenStackInventoryReader,
} from '@canopy-idp/plugin-openstack-node';

export const SERVER = '0b3d5a3c-1111-4c9e-9a55-000000000001';
export const VOLUME = '0b3d5a3c-2222-4c9e-9a55-000000000002';
export const NETWORK = '0b3d5a3c-3333-4c9e-9a55-000000000003';
export const SUBNET = '0b3d5a3c-4444-4c9e-9a55-000000000004';
export const LB = '0b3d5a3c-5555-4c9e-9a55-000000000005';
export const FIP = '0b3d5a3c-6666-4c9e-9a55-000000000006';
export const ROUTER = '0b3d5a3c-7777-4c9e-9a55-000000000007';
export const PUBLIC = '0b3d5a3c-8888-4c9e-9a55-000000000008';
const TAG = 'canopy.entity=component.default.payments';

export function resources(): OpenStackResources {
  return {
    servers: [
      {
        id: SERVER,
        name: 'payments-web-1',
        region: 'RegionOne',
        status: 'ACTIVE',
        flavor: { name: 'm1.tiny' },
        addresses: [
          { network: 'payments-net', address: '10.1.0.5', version: 4 },
        ],
        tags: [TAG],
        volumeIds: [VOLUME],
      },
    ],
    volumes: [
      {
        id: VOLUME,
        name: 'Prüfbericht données 日本',
        region: 'RegionOne',
        status: 'in-use',
        sizeGiB: 1,
        bootable: false,
        attachments: [{ serverId: SERVER }],
        metadata: { 'canopy.entity': 'component.default.payments' },
      },
    ],
    networks: [
      {
        id: NETWORK,
        name: 'payments-net',
        region: 'RegionOne',
        status: 'ACTIVE',
        external: false,
        shared: false,
        subnetIds: [SUBNET],
        tags: [TAG],
      },
    ],
    subnets: [
      {
        id: SUBNET,
        name: 'payments-subnet',
        region: 'RegionOne',
        networkId: NETWORK,
        cidr: '10.1.0.0/24',
        ipVersion: 4,
        enableDhcp: true,
        dnsNameservers: [],
        allocationPools: [],
        tags: [TAG],
      },
    ],
    routers: [
      {
        id: ROUTER,
        name: 'payments-router',
        region: 'RegionOne',
        status: 'ACTIVE',
        externalNetworkId: PUBLIC,
        tags: [TAG],
      },
    ],
    ports: [
      {
        id: 'port-server',
        name: '',
        region: 'RegionOne',
        status: 'ACTIVE',
        networkId: NETWORK,
        deviceId: SERVER,
        fixedIps: [{ subnetId: SUBNET, ipAddress: '10.1.0.5' }],
        tags: [],
      },
      {
        id: 'port-router',
        name: '',
        region: 'RegionOne',
        status: 'ACTIVE',
        networkId: NETWORK,
        deviceId: ROUTER,
        fixedIps: [{ subnetId: SUBNET, ipAddress: '10.1.0.1' }],
        tags: [],
      },
    ],
    floatingIps: [
      {
        id: FIP,
        region: 'RegionOne',
        status: 'ACTIVE',
        floatingIpAddress: '172.24.4.10',
        floatingNetworkId: PUBLIC,
        portId: 'port-server',
        tags: [TAG],
      },
    ],
    securityGroups: [],
    loadBalancers: [
      {
        id: LB,
        name: 'payments-lb',
        region: 'RegionOne',
        vipSubnetId: SUBNET,
        provisioningStatus: 'ACTIVE',
        operatingStatus: 'ONLINE',
        listeners: [],
        pools: [
          {
            id: 'pool',
            name: 'pool',
            protocol: 'TCP',
            lbAlgorithm: 'ROUND_ROBIN',
            listenerIds: [],
            members: [
              {
                id: 'm',
                address: '10.1.0.5',
                protocolPort: 443,
                subnetId: SUBNET,
              },
            ],
          },
        ],
        tags: [TAG],
      },
    ],
  };
}

type Service = OpenStackSourceStatus['service'];

/** The service each kind is read from. */
const SERVICE_OF: Record<OpenStackResourceKind, Service> = {
  servers: 'compute',
  volumes: 'volumev3',
  networks: 'network',
  subnets: 'network',
  routers: 'network',
  ports: 'network',
  floatingIps: 'network',
  securityGroups: 'network',
  loadBalancers: 'load-balancer',
};

/** Each service with the kinds it provides, as the backend reports its sources. */
const SERVICES = [...new Set(Object.values(SERVICE_OF))].map(service => ({
  service,
  kinds: OPENSTACK_RESOURCE_KINDS.filter(k => SERVICE_OF[k] === service),
}));

export function listing(
  res: OpenStackResources = resources(),
  failing: Partial<Record<Service, OpenStackSourceStatus['status']>> = {},
): OpenStackEntityResources {
  const failed = new Set<string>(
    SERVICES.filter(s => failing[s.service]).flatMap(s => s.kinds),
  );
  return {
    entityRef: 'openstack-project:lab/demo',
    cloud: 'lab',
    project: 'demo',
    regions: ['RegionOne'],
    tags: [],
    resources: Object.fromEntries(
      Object.entries(res).map(([k, v]) => [k, failed.has(k) ? [] : v]),
    ) as unknown as OpenStackResources,
    quotas: [],
    truncated: [],
    sources: SERVICES.map(({ service, kinds }) => ({
      cloud: 'lab',
      region: 'RegionOne',
      service,
      status: failing[service] ?? 'ok',
      kinds,
      durationMs: 1,
    })),
  };
}

export const CLOUD: InventoryCloud = {
  name: 'lab',
  horizonUrl: 'https://horizon.example.net/dashboard/',
  regions: [],
  projects: [
    {
      key: 'name:Default/demo',
      label: 'demo',
      name: 'demo',
      owners: ['group:default/team-a'],
      open: false,
    },
  ],
};

/** An inventory answering with `next` (a listing, or an error to throw). */
export class FakeInventory implements OpenStackInventoryReader {
  next: OpenStackEntityResources | Error = listing();
  cloud: InventoryCloud = CLOUD;
  reads = 0;
  clouds() {
    return [this.cloud];
  }
  async readProject() {
    this.reads += 1;
    if (this.next instanceof Error) throw this.next;
    return this.next;
  }
}
