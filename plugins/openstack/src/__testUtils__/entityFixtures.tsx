import type { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { OpenStackResources } from '@canopy-idp/plugin-openstack-common';
import { openstackApiRef } from '../api';
import { entityContentRouteRef } from '../routes';
import { type FakeAnswers, fakeOpenStackApi } from './fakeOpenStackApi';

/** A test's timeout, generous: a loaded 2-core machine renders these pages slowly. */
export const SLOW = 120_000;

/** The test bed's `payments` component. */
export const paymentsEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments',
    namespace: 'default',
    annotations: { 'openstack.canopy-idp.io/cloud': 'lab' },
  },
  spec: { type: 'service', lifecycle: 'experimental', owner: 'canopy-team' },
};

/** Resources of `payments` as the backend lists them in the test bed. */
export const paymentsResources: OpenStackResources = {
  servers: [
    {
      id: 'srv-1',
      name: 'payments-web-1',
      region: 'RegionOne',
      status: 'ACTIVE',
      flavor: { id: 'f1', name: 'm1.tiny', vcpus: 1, ramMiB: 512, diskGiB: 1 },
      addresses: [
        {
          network: 'payments-net',
          address: '10.20.0.11',
          type: 'fixed',
          version: 4,
        },
        {
          network: 'payments-net',
          address: '203.0.113.37',
          type: 'floating',
          version: 4,
        },
      ],
      availabilityZone: 'nova',
      tags: ['canopy.entity=component.default.payments'],
      created: '2025-01-02T03:04:05Z',
      volumeIds: ['vol-1'],
    },
    {
      id: 'srv-2',
      name: 'payments-web-2',
      region: 'RegionOne',
      status: 'ERROR',
      flavor: { name: 'm1.tiny', vcpus: 1, ramMiB: 512 },
      addresses: [],
      tags: [],
      volumeIds: [],
    },
  ],
  volumes: [
    {
      id: 'vol-1',
      name: 'payments-data',
      region: 'RegionOne',
      status: 'in-use',
      sizeGiB: 1,
      volumeType: 'lvmdriver-1',
      bootable: false,
      attachments: [{ serverId: 'srv-1', device: '/dev/vdb' }],
      metadata: { 'canopy.entity': 'component.default.payments' },
    },
  ],
  networks: [
    {
      id: 'net-1',
      name: 'payments-net',
      region: 'RegionOne',
      status: 'ACTIVE',
      external: false,
      shared: false,
      subnetIds: ['sub-1'],
      mtu: 1450,
      tags: [],
    },
  ],
  subnets: [
    {
      id: 'sub-1',
      name: 'payments-subnet',
      region: 'RegionOne',
      networkId: 'net-1',
      cidr: '10.20.0.0/24',
      ipVersion: 4,
      gatewayIp: '10.20.0.1',
      enableDhcp: true,
      dnsNameservers: [],
      allocationPools: [{ start: '10.20.0.2', end: '10.20.0.254' }],
      tags: [],
    },
  ],
  routers: [
    {
      id: 'rt-1',
      name: 'payments-router',
      region: 'RegionOne',
      status: 'ACTIVE',
      externalNetworkId: 'public-id',
      externalNetworkName: 'public',
      tags: [],
    },
  ],
  ports: [
    {
      id: 'port-1',
      name: 'payments-port',
      region: 'RegionOne',
      status: 'DOWN',
      networkId: 'net-1',
      fixedIps: [{ subnetId: 'sub-1', ipAddress: '10.20.0.50' }],
      tags: [],
    },
  ],
  floatingIps: [
    {
      id: 'fip-1',
      region: 'RegionOne',
      status: 'ACTIVE',
      floatingIpAddress: '203.0.113.37',
      fixedIpAddress: '10.20.0.11',
      floatingNetworkId: 'public-id',
      floatingNetworkName: 'public',
      tags: [],
    },
  ],
  securityGroups: [
    {
      id: 'sg-1',
      name: 'payments-sg',
      region: 'RegionOne',
      description: 'payments web',
      rules: [
        { id: 'r1', direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp' },
        { id: 'r2', direction: 'egress', ethertype: 'IPv4' },
        { id: 'r3', direction: 'egress', ethertype: 'IPv6' },
      ],
      tags: [],
    },
  ],
  loadBalancers: [
    {
      id: 'lb-1',
      name: 'payments-lb',
      region: 'RegionOne',
      vipAddress: '10.20.0.99',
      provisioningStatus: 'ACTIVE',
      operatingStatus: 'ONLINE',
      listeners: [
        {
          id: 'l1',
          name: 'payments-https',
          protocol: 'TCP',
          protocolPort: 443,
        },
      ],
      pools: [
        {
          id: 'p1',
          name: 'payments-pool',
          protocol: 'TCP',
          lbAlgorithm: 'ROUND_ROBIN',
          listenerIds: ['l1'],
          members: [
            {
              id: 'm1',
              name: 'web-1',
              address: '10.20.0.11',
              protocolPort: 443,
              operatingStatus: 'ONLINE',
            },
          ],
        },
      ],
      tags: [],
    },
  ],
};

/**
 * Renders an entity page part for `payments`, over an OpenStackApi with the
 * given answers; resolves to the calls the part made.
 */
export async function renderForEntity(
  element: ReactElement,
  answers: FakeAnswers,
  options: { withTab?: boolean; entity?: Entity } = { withTab: true },
) {
  const { api, calls } = fakeOpenStackApi(answers);
  await renderInTestApp(
    <TestApiProvider apis={[[openstackApiRef, api]]}>
      <EntityProvider entity={options.entity ?? paymentsEntity}>
        {element}
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        // Where an app mounts the tab (here at a path of its own).
        ...(options.withTab !== false
          ? { '/cloud-resources': entityContentRouteRef }
          : {}),
      },
    },
  );
  return calls;
}
