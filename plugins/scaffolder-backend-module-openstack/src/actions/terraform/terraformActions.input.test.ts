import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTerraformInstancesAction } from './createTerraformInstancesAction';
import { createTerraformKubernetesClusterAction } from './createTerraformKubernetesClusterAction';
import { createTerraformLoadBalancerAction } from './createTerraformLoadBalancerAction';
import { createTerraformNetworkAction } from './createTerraformNetworkAction';

const base = { entityRef: 'component:default/a', cloud: 'c' };

async function failure(action: any, input: Record<string, unknown>) {
  const workspacePath = mkdtempSync(path.join(tmpdir(), 'canopy-input-'));
  const error = await action
    .handler(
      createMockActionContext({ input: input as any, workspacePath }) as any,
    )
    .catch((e: Error) => e);
  // Bad input writes nothing.
  expect(readdirSync(workspacePath)).toEqual([]);
  expect(error).toBeInstanceOf(InputError);
  return (error as Error).message;
}

describe('Terraform actions reject bad input, naming the field and the rule', () => {
  const network = createTerraformNetworkAction();
  const instances = createTerraformInstancesAction();
  const lb = createTerraformLoadBalancerAction();
  const cluster = createTerraformKubernetesClusterAction();
  /** One test per case: `action` refuses `valid` with the case's fields, with `message`. */
  const refuses = (
    title: string,
    action: unknown,
    valid: Record<string, unknown>,
    cases: Array<[Record<string, unknown>, string]>,
  ) =>
    it.each(cases)(`${title} %#`, async (input, message) => {
      expect(await failure(action, { ...base, ...valid, ...input })).toContain(
        message,
      );
    });

  refuses('network', network, {}, [
    [
      { name: 'Bad_Name', cidr: '10.0.0.0/24' },
      'name: name must be a DNS-1123 label',
    ],
    [
      { name: 'n', cidr: '10.0.0.1/24' },
      'cidr: must be a network in canonical CIDR notation whose address is the network address',
    ],
    [
      { name: 'n', cidr: '10.0.0.0/33' },
      'cidr: must be a network in canonical CIDR notation',
    ],
    [
      { name: 'n', cidr: '10.0.0.0/24', gatewayIp: '10.0.1.1' },
      'gatewayIp: 10.0.1.1 is not inside cidr 10.0.0.0/24',
    ],
    [
      {
        name: 'n',
        cidr: '10.0.0.0/24',
        allocationPools: [
          { start: '10.0.0.10', end: '10.0.0.50' },
          { start: '10.0.0.40', end: '10.0.0.60' },
        ],
      },
      'allocationPools.1: overlaps allocation pool 0',
    ],
    [
      {
        name: 'n',
        cidr: '10.0.0.0/24',
        allocationPools: [{ start: '10.0.0.90', end: '10.0.0.50' }],
      },
      'allocationPools.0: start must not be after end',
    ],
    [
      {
        name: 'n',
        cidr: '10.0.0.0/24',
        securityGroups: [
          { name: 'sg', rules: [{ portMin: 100, portMax: 10 }] },
        ],
      },
      'securityGroups.0.rules.0: portMin must not be greater than portMax',
    ],
    [
      {
        name: 'n',
        cidr: '10.0.0.0/24',
        securityGroups: [{ name: 'sg', rules: [{ portMin: 0, portMax: 10 }] }],
      },
      'securityGroups.0.rules.0.portMin: ports are 1-65535',
    ],
    [
      {
        name: 'n',
        cidr: '10.0.0.0/24',
        securityGroups: [
          { name: 'sg', rules: [{ protocol: 'icmp', portMin: 1, portMax: 1 }] },
        ],
      },
      'port ranges apply to tcp and udp only',
    ],
    [
      { name: 'n', cidr: '10.0.0.0/24', router: true },
      'router: a router needs externalNetwork',
    ],
    [
      { name: 'n', cidr: '10.0.0.0/24', tags: ['a,b'] },
      "tags.0: tags must not contain ',' or '/'",
    ],
    [
      { name: 'n', cidr: '10.0.0.0/24', targetPath: '../escape' },
      "targetPath: targetPath must not have a segment starting with '..'",
    ],
  ]);

  refuses(
    'instances',
    instances,
    { name: 'vm', flavor: 'f', image: 'i', network: 'n' },
    [
      [{ count: 0 }, 'count: count must be at least 1'],
      [{ count: 51 }, 'count: count must be at most 50'],
      [{ flavor: '' }, 'flavor: must not be empty'],
      [
        { flavor: '\uF9F1' },
        'flavor: must be in Unicode normalization form NFC',
      ],
      [
        { volumes: [{ name: 'd', sizeGiB: 0 }] },
        'volumes.0.sizeGiB: volume sizeGiB must be at least 1 GiB',
      ],
      [
        {
          volumes: [
            { name: 'd', sizeGiB: 1 },
            { name: 'd', sizeGiB: 2 },
          ],
        },
        "volumes.1.name: volume 'd' is defined twice",
      ],
      [
        { entityRef: 'payments' },
        'entityRef: entityRef must look like kind:namespace/name',
      ],
    ],
  );

  refuses(
    'load balancer',
    lb,
    { name: 'lb', subnet: 's', listener: { protocol: 'HTTP', port: 80 } },
    [
      [
        { listener: { protocol: 'UDP', port: 53 }, pool: { protocol: 'TCP' } },
        'pool.protocol: a UDP listener cannot use a TCP pool',
      ],
      [
        { listener: { protocol: 'HTTP', port: 70000 } },
        'listener.port: ports are 1-65535',
      ],
      [
        { healthMonitor: { type: 'TCP', delay: 5, timeout: 10 } },
        'healthMonitor.timeout: timeout must not be greater than delay',
      ],
      [
        { healthMonitor: { type: 'TCP', delay: 5, timeout: 1, urlPath: '/x' } },
        'urlPath and expectedCodes apply to HTTP and HTTPS monitors only',
      ],
      [
        {
          members: [
            { address: '10.0.0.1', port: 80 },
            { address: '10.0.0.1', port: 80 },
          ],
        },
        'members.1: member 10.0.0.1:80 is listed twice',
      ],
    ],
  );

  refuses(
    'kubernetes cluster',
    cluster,
    {
      name: 'k',
      region: 'r',
      externalNetwork: 'public',
      controlPlaneFlavor: 'a',
      workerFlavor: 'b',
    },
    [
      [
        { podCidr: '10.10.0.0/16' },
        'podCidr: 10.10.0.0/16 overlaps cidr 10.10.0.0/24',
      ],
      [{ workerCount: 0 }, 'workerCount: workerCount must be at least 1'],
      [
        { kubernetesVersion: 'latest' },
        'kubernetesVersion: kubernetesVersion is a minor version such as 1.31',
      ],
    ],
  );
});
