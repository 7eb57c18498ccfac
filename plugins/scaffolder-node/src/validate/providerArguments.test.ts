import { providerArguments } from './providerArguments';
import { checkTerraformFile } from './terraform';

describe('the bundled terraform-provider-openstack argument list', () => {
  const list = providerArguments() as ReturnType<typeof providerArguments> & {
    canopy_additions: Array<{
      resource: string;
      block: string | null;
      argument: string;
      documentation: string;
    }>;
  };

  it('carries every documented argument Canopy added, with the page it comes from', () => {
    expect(
      list.canopy_additions.map(
        a => `${a.resource}${a.block ? `.${a.block}` : ''}.${a.argument}`,
      ),
    ).toEqual([
      'openstack_networking_router_interface_v2.subnet_id',
      'openstack_networking_router_interface_v2.port_id',
      'openstack_networking_router_interface_v2.force_destroy',
      'openstack_compute_instance_v2.image_id',
      'openstack_compute_instance_v2.image_name',
      'openstack_compute_instance_v2.block_device.volume_size',
    ]);
    for (const a of list.canopy_additions) {
      const resource = list.resources[a.resource];
      const args = a.block ? resource.blocks[a.block] : resource.arguments;
      expect(args[a.argument]).toBe('optional');
      expect(a.documentation).toBe(
        `https://github.com/terraform-provider-openstack/terraform-provider-openstack/blob/${
          list.provider_commit
        }/docs/resources/${a.resource.replace(/^openstack_/, '')}.md`,
      );
    }
  });

  it('accepts the added arguments and refuses names that only exist on Object.prototype', async () => {
    const findings = await checkTerraformFile(
      'main.tf',
      [
        'resource "openstack_networking_router_interface_v2" "a" {',
        '  router_id = "r"',
        '  subnet_id = "s"',
        '}',
        'resource "openstack_compute_instance_v2" "b" {',
        '  name       = "b"',
        '  image_name = "debian"',
        '  block_device {',
        '    source_type = "image"',
        '    volume_size = 10',
        '  }',
        '  constructor = "x"',
        '}',
        '',
      ].join('\n'),
    );
    expect(findings.map(f => f.message)).toEqual([
      'openstack_compute_instance_v2.b: openstack_compute_instance_v2 has no argument constructor',
    ]);
  });
});
