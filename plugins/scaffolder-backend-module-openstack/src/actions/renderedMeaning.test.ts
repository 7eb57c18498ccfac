/**
 * The defect classes an adversarial sweep found in the Terraform Canopy
 * renders, each reproduced with its minimal input and run through the action
 * a template calls (the manifest ones are in the GitOps module). What the
 * files must mean is judged as Terraform reads them: HCL2 and `terraform fmt`.
 */
import { parse as parseHcl } from '@cdktf/hcl2json';
import {
  actionInputError,
  runAction,
  terraformFmtDiff,
} from '@canopy-idp/plugin-scaffolder-node-test-utils';
import {
  createTerraformInstancesAction,
  createTerraformKubernetesClusterAction,
  createTerraformLoadBalancerAction,
  createTerraformNetworkAction,
} from '.';

const tf = { entityRef: 'component:default/a', cloud: 'c' };
/** One instance, the input the instance cases vary. */
const web = {
  ...tf,
  name: 'web',
  flavor: 'm1.small',
  image: 'debian',
  network: 'net',
};
/** A network, the input the network cases vary. */
const net = { ...tf, name: 'net', cidr: '10.0.0.0/24' };
/** A load balancer with these members. */
const lbWithMembers = (members: object[]) => ({
  ...tf,
  name: 'lb',
  subnet: 's',
  listener: { protocol: 'HTTP', port: 80 },
  members,
});

describe('class 4: Terraform resource addresses are unique', () => {
  it.each([
    [
      'a boot volume and a data volume named boot',
      createTerraformInstancesAction,
      {
        ...web,
        bootVolume: { sizeGiB: 10 },
        volumes: [{ name: 'boot', sizeGiB: 1 }],
      },
      "volumes.0.name: volume 'boot' would get the Terraform address openstack_blockstorage_volume_v3.boot, which the boot volume (bootVolume) already has",
    ],
    [
      'volumes 1a and r-1a',
      createTerraformInstancesAction,
      {
        ...web,
        volumes: [
          { name: '1a', sizeGiB: 1 },
          { name: 'r-1a', sizeGiB: 1 },
        ],
      },
      "volumes.1.name: volume 'r-1a' would get the Terraform address openstack_blockstorage_volume_v3.r_1a, which volume '1a' (volumes.0.name) already has",
    ],
    [
      'security groups 1a and r-1a',
      createTerraformNetworkAction,
      { ...net, securityGroups: [{ name: '1a' }, { name: 'r-1a' }] },
      "securityGroups.1.name: security group 'r-1a' would get the Terraform address openstack_networking_secgroup_v2.r_1a",
    ],
    [
      'a member named member-2 beside an unnamed second member',
      createTerraformLoadBalancerAction,
      lbWithMembers([
        { name: 'member-2', address: '10.0.0.1', port: 80 },
        { address: '10.0.0.2', port: 80 },
      ]),
      "members.1: the unnamed member 2 (10.0.0.2:80) would get the Terraform address openstack_lb_member_v2.member_2, which member 'member-2' (members.0.name) already has",
    ],
    [
      'two members named web',
      createTerraformLoadBalancerAction,
      lbWithMembers([
        { name: 'web', address: '10.0.0.1', port: 80 },
        { name: 'web', address: '10.0.0.2', port: 80 },
      ]),
      "members.1.name: member 'web' would get the Terraform address openstack_lb_member_v2.web",
    ],
  ])(
    '%s: an InputError naming both inputs',
    async (_, create, input, message) => {
      expect(await actionInputError(create(), { ...tf, ...input })).toContain(
        message,
      );
    },
  );
});

describe('class 5: HCL keywords as object keys', () => {
  it('instance metadata whose first key is for is written as a quoted key that HCL and terraform fmt read', async () => {
    const { files, error } = await runAction(createTerraformInstancesAction(), {
      ...web,
      metadata: { for: 'x', if: 'y', null: 'z', in: 'w' },
    });
    expect(error).toBeUndefined();
    const main = files['terraform/web/main.tf'];
    expect(main).toContain('"for"  = "x"');
    const hcl = await parseHcl('main.tf', main);
    expect(hcl.resource.openstack_compute_instance_v2.main[0].metadata).toEqual(
      { for: 'x', if: 'y', null: 'z', in: 'w' },
    );
    expect(terraformFmtDiff({ 'main.tf': main }) ?? '').toBe('');
  });
});

describe('class 6: an InputError, not a crash', () => {
  it('kubernetes-cluster with a valid 60-character name names `name` and the real limit', async () => {
    const message = await actionInputError(
      createTerraformKubernetesClusterAction(),
      {
        ...tf,
        name: 'a'.repeat(60),
        region: 'RegionOne',
        externalNetwork: 'public',
        controlPlaneFlavor: 'm1.medium',
        workerFlavor: 'm1.medium',
      },
    );
    expect(message).toContain('name: name must be at most 56 characters');
    expect(message).not.toContain('ZodError');
  });
});

describe('class 8: metadata from tags keeps every value', () => {
  it('a user tag may not take the key of the entity tag', async () => {
    expect(
      await actionInputError(createTerraformNetworkAction(), {
        ...net,
        tags: ['canopy.entity=component.default.payments'],
      }),
    ).toContain(
      `tags.0: tag "canopy.entity=component.default.payments" uses the key "canopy.entity", which Canopy sets itself`,
    );
  });

  it('repeated keys are an error naming both tags', async () => {
    expect(
      await actionInputError(createTerraformNetworkAction(), {
        ...net,
        tags: ['team=a', 'team=b'],
      }),
    ).toContain(
      'tags.1: tag "team=b" repeats the key "team" of tags[0] (volumes carry tags as metadata, where a key holds one value)',
    );
  });

  it("messages hold no '; ', the separator between issues: one issue per part", async () => {
    const message = await actionInputError(createTerraformNetworkAction(), {
      ...net,
      cidr: '10.0.0.1/24',
      tags: ['team=a', 'team=b', 'canopy.entity=x'],
    });
    expect(message.replace(/^Invalid input: /, '').split('; ')).toEqual([
      expect.stringMatching(/^tags\.1: tag "team=b" repeats/),
      expect.stringMatching(/^tags\.2: tag "canopy\.entity=x" uses the key/),
      expect.stringMatching(/^cidr: /),
    ]);
  });

  it('a __proto__ key is refused, not dropped (instance metadata; Knative env in the GitOps module)', async () => {
    const proto = JSON.parse('{"__proto__": "x"}');
    expect(
      await actionInputError(createTerraformInstancesAction(), {
        ...web,
        metadata: proto,
      }),
    ).toContain("metadata key '__proto__'");
  });

  it('a tag whose key is __proto__ reaches the volume metadata', async () => {
    const { files, error } = await runAction(createTerraformInstancesAction(), {
      ...web,
      tags: ['__proto__=kept'],
      volumes: [{ name: 'data', sizeGiB: 1 }],
    });
    expect(error).toBeUndefined();
    const hcl = await parseHcl('main.tf', files['terraform/web/main.tf']);
    expect(
      Object.keys(
        hcl.resource.openstack_blockstorage_volume_v3.data[0].metadata,
      ),
    ).toContain('__proto__');
  });
});

describe('class 9: terraform fmt alignment counts what fmt counts', () => {
  it('volume metadata from a tag with an emoji and a combining mark passes terraform fmt -check', async () => {
    const { files, error } = await runAction(createTerraformInstancesAction(), {
      ...web,
      tags: ['👍🏽=a', 'q\u0307=b', 'x=c'],
      volumes: [{ name: 'data', sizeGiB: 1 }],
    });
    expect(error).toBeUndefined();
    const main = files['terraform/web/main.tf'];
    expect(terraformFmtDiff({ 'main.tf': main }) ?? '').toBe('');
  });
});

describe('class 12: IPs and CIDRs only in canonical form', () => {
  it.each([
    ['cidr', { cidr: '010.0.0.0/8' }],
    ['cidr', { cidr: '10.1/16' }],
    ['cidr', { cidr: '167772160/8' }],
    ['cidr', { cidr: '10.0.0.0/08' }],
    ['gatewayIp', { cidr: '10.0.0.0/24', gatewayIp: '10.0.0.01' }],
    [
      'dnsNameservers.0',
      { cidr: '10.0.0.0/24', dnsNameservers: ['167772161'] },
    ],
    [
      'dnsNameservers.0',
      { cidr: '10.0.0.0/24', dnsNameservers: ['fe80::1%eth0'] },
    ],
    [
      'dnsNameservers.0',
      { cidr: '10.0.0.0/24', dnsNameservers: ['2001:DB8::1'] },
    ],
  ])('%s %j is refused, naming the field', async (field, input) => {
    expect(
      await actionInputError(createTerraformNetworkAction(), {
        ...tf,
        name: 'net',
        ...input,
      }),
    ).toContain(`${field}: must be`);
  });
});

describe('class 13: the cluster cloud.conf region', () => {
  it('a region with a newline cannot inject a [Global] section', async () => {
    expect(
      await actionInputError(createTerraformKubernetesClusterAction(), {
        ...tf,
        name: 'k',
        region: 'RegionOne\n[Global]\nauth-url=https://evil.example',
        externalNetwork: 'public',
        controlPlaneFlavor: 'm1.medium',
        workerFlavor: 'm1.medium',
      }),
    ).toContain('region: region must be a region name');
  });
});
