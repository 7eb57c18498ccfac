/**
 * Property tests: adversarial text (quotes, backslashes, `${`, `%{`, newlines,
 * control characters, unicode, YAML and HCL specials) in every free-text input
 * of every Terraform action always gives files that parse, and every value
 * comes back exactly.
 */
import { parse } from '@cdktf/hcl2json';
import fc from 'fast-check';
import { clusterInput, renderCluster } from '../../lib/terraform/cluster';
import {
  instancesInput,
  renderInstances,
  renderVolume,
  volumeInput,
} from '../../lib/terraform/compute';
import {
  loadBalancerInput,
  renderLoadBalancer,
} from '../../lib/terraform/loadbalancer';
import { networkInput, renderNetwork } from '../../lib/terraform/network';
import type { TerraformModule } from '../../lib/terraform/module';

const RUNS = 1000;
const back = (s: string) => s.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');

const special = fc.constantFrom(
  '"',
  '\\',
  '${x}',
  '%{ if true }',
  '$${',
  '\n',
  '\r\n',
  '\t',
  '\u0000',
  '\u001b',
  '}',
  '{',
  '#',
  '//',
  '/*',
  '*/',
  '<<EOF',
  'EOF',
  ': ',
  '- ',
  '? ',
  '&anchor',
  '*alias',
  '!!str',
  '---',
  '...',
  '|',
  '>',
  "'",
  '`',
  'é',
  '丽',
  '🌲',
  '\u200b',
  'null',
  'true',
  '0x1F',
);
/** Text an action accepts: NFC, no unpaired surrogates, within limits, not empty. */
const text = (max: number) =>
  fc
    .array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 8 }), special), {
      minLength: 1,
      maxLength: 5,
    })
    .map(parts => parts.join('').normalize('NFC').slice(0, max))
    .filter(
      s =>
        s.length > 0 &&
        s === s.normalize('NFC') &&
        !/[\ud800-\udfff]/.test(
          s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''),
        ),
    );
const tag = text(60).filter(t => !t.includes(',') && !t.includes('/'));

/** Parses every .tf file; also checks that rendering is a pure function of the input. */
async function parsed(module: TerraformModule, again?: TerraformModule) {
  if (again) expect(again.files).toEqual(module.files);
  const out: Record<string, any> = {};
  for (const [name, content] of Object.entries(module.files)) {
    if (name.endsWith('.tf')) out[name] = await parse(name, content);
  }
  return out;
}
const defaultOf = (files: Record<string, any>, variable: string) =>
  back(files['variables.tf'].variable[variable][0].default);

describe('Terraform actions with adversarial input', () => {
  it('network: security group descriptions, external network and tags round-trip', async () => {
    await fc.assert(
      fc.asyncProperty(
        text(255),
        text(255),
        tag,
        async (description, external, extraTag) => {
          const files = await parsed(
            renderNetwork(
              networkInput.parse({
                name: 'net',
                entityRef: 'component:default/a',
                cloud: 'c',
                cidr: '10.0.0.0/24',
                externalNetwork: external,
                tags: [extraTag],
                securityGroups: [
                  {
                    name: 'sg',
                    description,
                    rules: [
                      { protocol: 'tcp', portMin: 1, portMax: 2, description },
                    ],
                  },
                ],
              }),
            ),
          );
          const main = files['main.tf'];
          expect(
            back(
              main.resource.openstack_networking_secgroup_v2.sg[0].description,
            ),
          ).toBe(description);
          expect(
            back(
              main.resource.openstack_networking_secgroup_rule_v2.sg_1[0]
                .description,
            ),
          ).toBe(description);
          expect(defaultOf(files, 'external_network')).toBe(external);
          expect(
            main.resource.openstack_networking_network_v2.main[0].tags.map(
              back,
            ),
          ).toContain(extraTag);
        },
      ),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('instances: flavor, image, network, security groups, metadata, cloud and user data round-trip', async () => {
    await fc.assert(
      fc.asyncProperty(
        text(128),
        text(255),
        text(255),
        text(255),
        text(64),
        async (flavor, image, network, value, cloud) => {
          const input = {
            name: 'vm',
            entityRef: 'component:default/a',
            cloud,
            flavor,
            image,
            network,
            securityGroups: [value],
            metadata: { key: value },
            userData: value,
          };
          const module = renderInstances(instancesInput.parse(input));
          // Same input, byte-identical files.
          const files = await parsed(
            module,
            renderInstances(instancesInput.parse(structuredClone(input))),
          );
          const vm =
            files['main.tf'].resource.openstack_compute_instance_v2.main[0];
          expect(defaultOf(files, 'flavor_name')).toBe(flavor);
          expect(defaultOf(files, 'image_name')).toBe(image);
          expect(defaultOf(files, 'os_cloud')).toBe(cloud);
          expect(back(vm.network[0].name)).toBe(network);
          expect(vm.security_groups.map(back)).toEqual([value]);
          expect(back(vm.metadata.key)).toBe(value);
          // cloud-init goes to its own file, verbatim.
          expect(module.files['cloud-init/vm.yaml']).toBe(value);
        },
      ),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('volume: description, type and zone round-trip', async () => {
    await fc.assert(
      fc.asyncProperty(
        text(255),
        text(64),
        text(64),
        async (description, type, zone) => {
          const files = await parsed(
            renderVolume(
              volumeInput.parse({
                name: 'v',
                entityRef: 'component:default/a',
                cloud: 'c',
                sizeGiB: 1,
                description,
                volumeType: type,
                availabilityZone: zone,
              }),
            ),
          );
          const vol =
            files['main.tf'].resource.openstack_blockstorage_volume_v3.v[0];
          expect(
            [vol.description, vol.volume_type, vol.availability_zone].map(back),
          ).toEqual([description, type, zone]);
        },
      ),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('load balancer: subnet and floating IP pool round-trip', async () => {
    await fc.assert(
      fc.asyncProperty(text(255), text(255), async (subnet, pool) => {
        const files = await parsed(
          renderLoadBalancer(
            loadBalancerInput.parse({
              name: 'lb',
              entityRef: 'component:default/a',
              cloud: 'c',
              subnet,
              floatingIpPool: pool,
              listener: { protocol: 'TCP', port: 443 },
            }),
          ),
        );
        expect(defaultOf(files, 'vip_subnet')).toBe(subnet);
        expect(defaultOf(files, 'floating_ip_pool')).toBe(pool);
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('kubernetes cluster: external network, image, flavors and region round-trip', async () => {
    await fc.assert(
      fc.asyncProperty(
        text(255),
        text(255),
        text(128),
        text(64),
        async (external, image, flavor, region) => {
          const files = await parsed(
            renderCluster(
              clusterInput.parse({
                name: 'k',
                entityRef: 'resource:default/k',
                cloud: 'c',
                region,
                externalNetwork: external,
                image,
                controlPlaneFlavor: flavor,
                workerFlavor: flavor,
              }),
            ),
          );
          expect(defaultOf(files, 'external_network')).toBe(external);
          expect(defaultOf(files, 'control_plane_image_name')).toBe(image);
          expect(defaultOf(files, 'worker_flavor_name')).toBe(flavor);
          expect(defaultOf(files, 'region')).toBe(region);
        },
      ),
      { numRuns: RUNS },
    );
  }, 300_000);
});
