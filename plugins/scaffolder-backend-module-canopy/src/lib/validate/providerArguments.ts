/**
 * Canopy's own list of the terraform-provider-openstack resource types and
 * arguments it emits. The validator accepts exactly these; a test
 * cross-checks every entry against the provider's published argument list.
 */
export const PROVIDER_ARGUMENTS: Record<
  string,
  { arguments: string[]; blocks?: Record<string, string[]> }
> = {
  openstack_networking_network_v2: {
    arguments: ['name', 'admin_state_up', 'tags'],
  },
  openstack_networking_subnet_v2: {
    arguments: [
      'name',
      'network_id',
      'cidr',
      'ip_version',
      'gateway_ip',
      'dns_nameservers',
      'tags',
    ],
    blocks: { allocation_pool: ['start', 'end'] },
  },
  openstack_networking_router_v2: {
    arguments: ['name', 'admin_state_up', 'external_network_id', 'tags'],
  },
  openstack_networking_router_interface_v2: {
    arguments: ['router_id', 'subnet_id'],
  },
  openstack_networking_secgroup_v2: {
    arguments: ['name', 'description', 'tags'],
  },
  openstack_networking_secgroup_rule_v2: {
    arguments: [
      'direction',
      'ethertype',
      'protocol',
      'port_range_min',
      'port_range_max',
      'remote_ip_prefix',
      'remote_group_id',
      'description',
      'security_group_id',
    ],
  },
  openstack_networking_floatingip_v2: { arguments: ['pool', 'tags'] },
  openstack_networking_floatingip_associate_v2: {
    arguments: ['floating_ip', 'port_id'],
  },
  openstack_compute_servergroup_v2: { arguments: ['name', 'policies'] },
  openstack_compute_instance_v2: {
    arguments: [
      'name',
      'flavor_name',
      'key_pair',
      'availability_zone',
      'security_groups',
      'user_data',
      'tags',
      'metadata',
    ],
    blocks: {
      block_device: [
        'uuid',
        'source_type',
        'destination_type',
        'boot_index',
        'delete_on_termination',
      ],
      network: ['uuid', 'name'],
      scheduler_hints: ['group'],
    },
  },
  openstack_compute_volume_attach_v2: {
    arguments: ['instance_id', 'volume_id'],
  },
  openstack_blockstorage_volume_v3: {
    arguments: [
      'name',
      'size',
      'volume_type',
      'image_id',
      'availability_zone',
      'description',
      'metadata',
    ],
  },
  openstack_lb_loadbalancer_v2: {
    arguments: ['name', 'vip_subnet_id', 'vip_address', 'tags'],
  },
  openstack_lb_listener_v2: {
    arguments: ['name', 'protocol', 'protocol_port', 'loadbalancer_id', 'tags'],
  },
  openstack_lb_pool_v2: {
    arguments: ['name', 'protocol', 'lb_method', 'listener_id'],
  },
  openstack_lb_member_v2: {
    arguments: [
      'name',
      'address',
      'protocol_port',
      'subnet_id',
      'pool_id',
      'tags',
    ],
  },
  openstack_lb_monitor_v2: {
    arguments: [
      'name',
      'pool_id',
      'type',
      'delay',
      'timeout',
      'max_retries',
      'url_path',
      'expected_codes',
    ],
  },
};

/** Terraform meta-arguments, valid on every resource. */
export const META_ARGUMENTS = [
  'count',
  'for_each',
  'depends_on',
  'provider',
  'lifecycle',
];
