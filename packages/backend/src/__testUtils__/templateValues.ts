/**
 * What a user would fill into each template's form, for the end-to-end
 * template tests. OpenStack values name what the OpenStack test bed has
 * (testbed/openstack: cloud lab, region RegionOne, flavors m1.tiny/m1.small,
 * image tiny-raw, network demo-net, external network public). The repository
 * (repoUrl) is added by the test.
 */
const lab = { cloud: 'lab', region: 'RegionOne', project: 'demo' };
const owner = 'group:default/canopy-team';
const target = { cluster: 'lab', namespace: 'team-a' };

export const SAMPLE_VALUES: Record<string, Record<string, unknown>> = {
  'openstack-network': {
    name: 'payments-net',
    description: 'Network for the payments service',
    owner,
    location: lab,
    cidr: '10.30.0.0/24',
    externalNetwork: 'public',
    dnsNameservers: ['192.0.2.53'],
    sshCidr: '198.51.100.0/24',
  },
  'openstack-virtual-machines': {
    name: 'reports',
    description: 'Report generator',
    owner,
    location: lab,
    count: 1,
    flavor: 'm1.tiny',
    image: 'tiny-raw',
    network: 'demo-net',
    bootVolumeGiB: 1,
    dataVolumeGiB: 2,
    floatingIp: true,
    floatingIpPool: 'public',
  },
  'openstack-volume': {
    name: 'archive',
    owner,
    location: lab,
    sizeGiB: 5,
  },
  'openstack-load-balancer': {
    name: 'shop-lb',
    owner,
    location: lab,
    subnet: 'shop-subnet',
    protocol: 'HTTP',
    port: 80,
    members: [{ address: '10.0.1.11', port: 8080 }],
    floatingIp: true,
    floatingIpPool: 'public',
  },
  'openstack-kubernetes-cluster': {
    name: 'platform',
    owner,
    location: lab,
    externalNetwork: 'public',
    image: 'tiny-raw',
    controlPlaneFlavor: 'm1.small',
    workerFlavor: 'm1.tiny',
    workerCount: 1,
    adminCidrs: ['198.51.100.0/24'],
  },
  'platform-bootstrap': {
    name: 'lab-platform',
    owner,
    target: { cluster: 'lab', namespace: 'argocd' },
    environments: ['dev', 'test', 'acc'],
    allowedRegistries: ['ghcr.io/acme', 'docker.io/library'],
    failureAction: 'Enforce',
  },
  'kubernetes-workspace': {
    owner,
    target,
    cpu: '8',
    memory: '16Gi',
  },
  'web-application': {
    name: 'shop',
    owner,
    target,
    image: 'ghcr.io/acme/shop',
    tag: '1.4.2',
    host: 'shop.example.com',
  },
  'application-infrastructure': {
    name: 'shop-data',
    owner,
    target,
    database: 'shop',
  },
  'kafka-topic': {
    name: 'orders',
    owner,
    target,
    partitions: 6,
  },
  environments: {
    name: 'blog',
    // The guest's team: its namespaces team-a-<environment> and AppProject.
    owner: 'group:default/team-a',
    environments: ['dev', 'test', 'acc'],
    baseDomain: 'example.com',
  },
  'serverless-function': {
    name: 'thumbnailer',
    owner,
    target,
    image: 'ghcr.io/acme/thumbnailer:1.2.0',
  },
  'new-service': {
    name: 'orders-api',
    description: 'Takes orders',
    owner,
    target,
    image: 'ghcr.io/acme/orders-api',
    tag: '0.1.0',
    host: 'orders.example.com',
  },
};
