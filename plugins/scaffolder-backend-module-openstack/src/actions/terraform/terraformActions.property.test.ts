/**
 * Property tests: adversarial text (quotes, backslashes, `${`, `%{`, newlines,
 * control characters, unicode, YAML and HCL specials) in every free-text input
 * of every Terraform action always gives files that parse as HCL2 with no
 * two resources at one address, and every value comes back exactly; every
 * file of every run passes `terraform fmt -check` (where terraform is
 * installed; the suite says when it is not). Names are generated to collide
 * (`1a`/`r-1a`, `boot`, `member-2`): the input is then refused naming both,
 * never rendered into a plan that fails. At least 2,000 runs per action.
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
import {
  findTerraform,
  PROPERTY_RUNS,
  PROPERTY_TIMEOUT_MS,
  propertyParameters,
} from '@canopy-idp/plugin-scaffolder-node-test-utils';
import { hclUnicodeProblem } from '@canopy-idp/plugin-scaffolder-node';
import { InputError } from '@backstage/errors';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ZodError } from 'zod/v3';

const RUNS = PROPERTY_RUNS;
jest.setTimeout(PROPERTY_TIMEOUT_MS);

/**
 * Every run's files, kept for one `terraform fmt -check` over all of them at
 * the end (one process instead of one per run).
 */
const fmtRoot = mkdtempSync(path.join(tmpdir(), 'canopy-fmt-property-'));
let kept = 0;
function keepForFmt(module: TerraformModule) {
  const dir = path.join(fmtRoot, String(kept++));
  mkdirSync(dir);
  for (const [name, content] of Object.entries(module.files)) {
    if (name.endsWith('.tf')) writeFileSync(path.join(dir, name), content);
  }
}

/** `terraform fmt -check` over every kept module: the files it would change, or undefined without terraform. */
function unformatted(): string | undefined {
  const terraform = findTerraform();
  if (!terraform) return undefined;
  try {
    execFileSync(
      terraform,
      ['fmt', '-check', '-recursive', '-list=true', fmtRoot],
      { stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 },
    );
    return '';
  } catch (error) {
    return String((error as { stdout?: Buffer }).stdout ?? error);
  }
}
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
  // Conjuncts, which newer Unicode joins and terraform (Unicode 15.0) does not.
  '\u0915\u094d\u0937',
  '\u0915\u094d\u200d\u0937',
  '\u1780\u17d2\u1781',
  '\u0301',
  '\u0600',
  'null',
  'true',
  '0x1F',
);
/** Text an action accepts: what HCL reads exactly, no unpaired surrogates, within limits, not empty. */
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
        hclUnicodeProblem(s) === undefined &&
        !/[\ud800-\udfff]/.test(
          s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''),
        ),
    );
const tag = text(60).filter(t => !t.includes(',') && !t.includes('/'));
/** DNS labels that collide as Terraform identifiers or with Canopy's own names. */
const collidingLabel = fc.oneof(
  fc.constantFrom(
    '1a',
    'r-1a',
    'boot',
    'main',
    'member-1',
    'member-2',
    'a-1',
    'a',
    'web',
  ),
  fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,6}[a-z0-9])?$/),
);
/** Nova metadata keys, HCL keywords among them. */
const metadataKey = fc.oneof(
  fc.constantFrom(
    'for',
    'if',
    'in',
    'null',
    'true',
    'false',
    '1',
    'a:b',
    'x.y',
    '__x',
  ),
  fc.stringMatching(/^[A-Za-z0-9_.:-]{1,12}$/),
);
const regionName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/);

/**
 * Parses every .tf file as HCL2, checks that no two blocks share a resource
 * or data address, keeps the files for terraform fmt, and checks that
 * rendering is a pure function of the input.
 */
async function parsed(module: TerraformModule, again?: TerraformModule) {
  if (again) expect(again.files).toEqual(module.files);
  keepForFmt(module);
  const out: Record<string, any> = {};
  for (const [name, content] of Object.entries(module.files)) {
    if (!name.endsWith('.tf')) continue;
    out[name] = await parse(name, content);
    for (const kind of ['resource', 'data'] as const) {
      for (const [type, byName] of Object.entries<any>(out[name][kind] ?? {})) {
        for (const [resource, blocks] of Object.entries<any[]>(byName)) {
          if (blocks.length !== 1) {
            throw new Error(
              `${name}: ${kind} ${type}.${resource} is defined ${blocks.length} times`,
            );
          }
        }
      }
    }
  }
  return out;
}

/** The input is refused with an InputError-worthy message naming a field, or rendered. */
function renderOrRefuse<T>(render: () => T): T | undefined {
  try {
    return render();
  } catch (error) {
    if (error instanceof ZodError || error instanceof InputError)
      return undefined;
    throw error;
  }
}
const defaultOf = (files: Record<string, any>, variable: string) =>
  back(files['variables.tf'].variable[variable][0].default);

/**
 * What `render` makes of `input` (in cloud `c`, for entity
 * `component:default/a` unless it says otherwise), as {@link parsed} reads it.
 */
function renderedFiles<I>(
  render: (input: I) => TerraformModule,
  schema: { parse(input: unknown): I },
  input: Record<string, unknown>,
) {
  return parsed(
    render(
      schema.parse({ entityRef: 'component:default/a', cloud: 'c', ...input }),
    ),
  );
}

/** Checks `check` for generated values, as many runs as propertyParameters gives. */
const forAll = <T>(
  values: fc.Arbitrary<T>,
  check: (value: T) => Promise<void>,
) => fc.assert(fc.asyncProperty(values, check), propertyParameters);

describe('Terraform actions with adversarial input', () => {
  it(
    'network: security group descriptions, external network and tags round-trip',
    () =>
      forAll(
        fc.record({
          description: text(255),
          external: text(255),
          extraTag: tag,
        }),
        async ({ description, external, extraTag }) => {
          const files = await renderedFiles(renderNetwork, networkInput, {
            name: 'net',
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
          });
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
    300_000,
  );

  it(
    'instances: flavor, image, network, security groups, metadata, cloud and user data round-trip',
    () =>
      forAll(
        fc.record({
          flavor: text(128),
          image: text(255),
          network: text(255),
          value: text(255),
          cloud: text(64),
        }),
        async ({ flavor, image, network, value, cloud }) => {
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
    300_000,
  );

  it(
    'volume: description, type and zone round-trip',
    () =>
      forAll(
        fc.record({ description: text(255), type: text(64), zone: text(64) }),
        async ({ description, type, zone }) => {
          const files = await renderedFiles(renderVolume, volumeInput, {
            name: 'v',
            sizeGiB: 1,
            description,
            volumeType: type,
            availabilityZone: zone,
          });
          const vol =
            files['main.tf'].resource.openstack_blockstorage_volume_v3.v[0];
          expect(
            [vol.description, vol.volume_type, vol.availability_zone].map(back),
          ).toEqual([description, type, zone]);
        },
      ),
    300_000,
  );

  it(
    'load balancer: subnet and floating IP pool round-trip',
    () =>
      forAll(
        fc.record({ subnet: text(255), pool: text(255) }),
        async ({ subnet, pool }) => {
          const files = await renderedFiles(
            renderLoadBalancer,
            loadBalancerInput,
            {
              name: 'lb',
              subnet,
              floatingIpPool: pool,
              listener: { protocol: 'TCP', port: 443 },
            },
          );
          expect(defaultOf(files, 'vip_subnet')).toBe(subnet);
          expect(defaultOf(files, 'floating_ip_pool')).toBe(pool);
        },
      ),
    300_000,
  );

  it(
    'kubernetes cluster: external network, image, flavors and region round-trip',
    () =>
      forAll(
        fc.record({
          external: text(255),
          image: text(255),
          flavor: text(128),
          region: regionName,
        }),
        async ({ external, image, flavor, region }) => {
          const files = await renderedFiles(renderCluster, clusterInput, {
            name: 'k',
            entityRef: 'resource:default/k',
            region,
            externalNetwork: external,
            image,
            controlPlaneFlavor: flavor,
            workerFlavor: flavor,
          });
          expect(defaultOf(files, 'external_network')).toBe(external);
          expect(defaultOf(files, 'control_plane_image_name')).toBe(image);
          expect(defaultOf(files, 'worker_flavor_name')).toBe(flavor);
          expect(defaultOf(files, 'region')).toBe(region);
        },
      ),
    300_000,
  );

  it('names that collide are refused naming both inputs; everything rendered has unique addresses', async () => {
    let refused = 0;
    let rendered = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(collidingLabel, { maxLength: 4 }),
        fc.array(fc.option(collidingLabel, { nil: undefined }), {
          maxLength: 4,
        }),
        fc.boolean(),
        fc.dictionary(metadataKey, text(40), { maxKeys: 4 }),
        async (volumeNames, memberNames, boot, metadata) => {
          const instances = renderOrRefuse(() =>
            renderInstances(
              instancesInput.parse({
                name: 'vm',
                entityRef: 'component:default/a',
                cloud: 'c',
                flavor: 'f',
                image: 'i',
                network: 'n',
                bootVolume: boot ? { sizeGiB: 1 } : undefined,
                volumes: volumeNames.map(name => ({ name, sizeGiB: 1 })),
                metadata,
              }),
            ),
          );
          const network = renderOrRefuse(() =>
            renderNetwork(
              networkInput.parse({
                name: 'net',
                entityRef: 'component:default/a',
                cloud: 'c',
                cidr: '10.0.0.0/24',
                securityGroups: volumeNames.map(name => ({
                  name,
                  rules: [{ protocol: 'tcp', portMin: 1, portMax: 2 }],
                })),
              }),
            ),
          );
          const lb = renderOrRefuse(() =>
            renderLoadBalancer(
              loadBalancerInput.parse({
                name: 'lb',
                entityRef: 'component:default/a',
                cloud: 'c',
                subnet: 's',
                listener: { protocol: 'TCP', port: 443 },
                members: memberNames.map((name, i) => ({
                  name,
                  address: `10.0.0.${i + 1}`,
                  port: 443,
                })),
              }),
            ),
          );
          for (const module of [instances, network, lb]) {
            if (module) {
              rendered++;
              await parsed(module);
            } else {
              refused++;
            }
          }
          // Metadata keys, HCL keywords among them, come back as given.
          const vm = instances
            ? (await parsed(instances))['main.tf'].resource
                .openstack_compute_instance_v2.main[0]
            : { metadata };
          expect(
            Object.fromEntries(
              Object.entries<string>(vm.metadata ?? {}).map(([k, v]) => [
                k,
                instances ? back(v) : v,
              ]),
            ),
          ).toEqual(metadata);
        },
      ),
      propertyParameters,
    );
    // Both outcomes happen: the generator reaches collisions and valid sets.
    expect(refused).toBeGreaterThan(0);
    expect(rendered).toBeGreaterThan(0);
  }, 600_000);

  // Runs last: every module the tests above generated, in one terraform run.
  it('every generated module is formatted as terraform fmt would (where terraform is installed)', () => {
    const listed = unformatted();
    if (listed === undefined) {
      // eslint-disable-next-line no-console
      console.info(
        `terraform is not installed here: terraform fmt -check was not run on the ${kept} generated modules`,
      );
    }
    expect(listed ?? '').toBe('');
    expect(kept).toBeGreaterThanOrEqual(5 * RUNS);
  }, 600_000);
});
