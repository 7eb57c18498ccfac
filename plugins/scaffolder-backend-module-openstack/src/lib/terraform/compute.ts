import { z } from 'zod/v3';
import { attr, block, call, HclBodyItem, HclExpr, modulePath } from '../hcl';
import { dnsLabel, text } from '@canopy-idp/plugin-scaffolder-node';
import { builderFor, commonInput } from './common';
import {
  checkUniqueAddresses,
  checkUniqueNames,
  COUNT_PLUS_ONE,
  counted,
  identifier,
  ModuleBuilder,
  splat,
  TerraformModule,
  TYPES,
} from './module';

const sizeGiB = (what: string) =>
  z
    .number()
    .int()
    .min(1, `${what} must be at least 1 GiB`)
    .max(16384, `${what} must be at most 16384 GiB`);

export const volumeInput = z.object({
  ...commonInput,
  sizeGiB: sizeGiB('sizeGiB'),
  volumeType: text(64, 1).optional(),
  availabilityZone: text(64, 1).optional(),
  description: text(255).optional(),
});
export type VolumeInput = z.output<typeof volumeInput>;

export const instancesInput = z
  .object({
    ...commonInput,
    count: z
      .number()
      .int()
      .min(1, 'count must be at least 1')
      .max(50, 'count must be at most 50')
      .default(1),
    flavor: text(128, 1).describe('Flavor name'),
    image: text(255, 1).describe('Image name'),
    network: text(255, 1).describe('Name of the network the instances join'),
    keyPair: text(255, 1).optional(),
    securityGroups: z.array(text(255, 1)).max(20).default(['default']),
    availabilityZone: text(64, 1).optional(),
    userData: text(65535)
      .optional()
      .describe('cloud-init user data, written to cloud-init/<name>.yaml'),
    antiAffinity: z
      .boolean()
      .default(false)
      .describe('Place instances on different hosts (server group)'),
    bootVolume: z
      .object({
        sizeGiB: sizeGiB('bootVolume.sizeGiB'),
        volumeType: text(64, 1).optional(),
      })
      .optional()
      .describe('Boot from a new volume made from the image'),
    volumes: z
      .array(
        z.object({
          name: dnsLabel('volume name'),
          sizeGiB: sizeGiB('volume sizeGiB'),
          volumeType: text(64, 1).optional(),
        }),
      )
      .max(10)
      .default([])
      .describe('Extra volumes, one of each per instance'),
    floatingIpPool: text(255, 1)
      .optional()
      .describe('External network to take one floating IP per instance from'),
    metadata: z
      .record(
        z
          .string()
          .regex(
            /^[A-Za-z0-9_.:-]{1,255}$/,
            'metadata keys are 1-255 of A-Z a-z 0-9 _ . : -',
          )
          .refine(k => k !== '__proto__', {
            message:
              "metadata key '__proto__' cannot be passed on (JavaScript objects drop it)",
          }),
        text(255),
      )
      .default({}),
  })
  .superRefine((v, ctx) => {
    if (checkUniqueNames(ctx, 'volumes', v.volumes, 'volume')) {
      checkUniqueAddresses(ctx, [
        ...(v.bootVolume
          ? [
              {
                address: 'openstack_blockstorage_volume_v3.boot',
                path: ['bootVolume'],
                what: 'the boot volume',
              },
            ]
          : []),
        ...v.volumes.map((vol, i) => ({
          address: `openstack_blockstorage_volume_v3.${identifier(vol.name)}`,
          path: ['volumes', i, 'name'],
          what: `volume '${vol.name}'`,
        })),
      ]);
    }
  });
export type InstancesInput = z.output<typeof instancesInput>;

export function addVolume(
  m: ModuleBuilder,
  v: {
    name: string;
    sizeGiB: number;
    volumeType?: string;
    availabilityZone?: string;
    description?: string;
  },
) {
  return m.resource('openstack_blockstorage_volume_v3', identifier(v.name), [
    attr('name', v.name),
    attr('size', v.sizeGiB),
    attr('volume_type', v.volumeType),
    attr('availability_zone', v.availabilityZone),
    attr('description', v.description),
    attr('metadata', m.metadata),
  ]);
}

export function renderVolume(v: VolumeInput): TerraformModule {
  const m = builderFor(v);
  const volume = addVolume(m, v);
  m.output('volume_id', volume('id'), 'Volume id.');
  return m.build();
}

/**
 * Instances with their own counted volumes, floating IPs and server group,
 * into an existing builder. `resourceName` keeps several groups apart.
 */
export function addInstances(
  m: ModuleBuilder,
  v: InstancesInput,
  options: {
    resourceName?: string;
    userData?: HclExpr;
    networkId?: HclExpr;
    extra?: HclBodyItem[];
  } = {},
) {
  const rn = options.resourceName ?? 'main';
  const prefix = rn === 'main' ? '' : `${rn}_`;
  const count = m.variable(
    `${prefix}instance_count`,
    TYPES.number,
    `Number of ${v.name} instances.`,
    v.count,
  );
  const flavor = m.variable(
    `${prefix}flavor_name`,
    TYPES.string,
    `Flavor of the ${v.name} instances.`,
    v.flavor,
  );
  const image = m.variable(
    `${prefix}image_name`,
    TYPES.string,
    `Image of the ${v.name} instances.`,
    v.image,
  );
  const keyPair = v.keyPair
    ? m.variable(
        `${prefix}key_pair`,
        TYPES.string,
        'Key pair for SSH access.',
        v.keyPair,
      )
    : undefined;
  let group;
  if (v.antiAffinity) {
    group = m.resource('openstack_compute_servergroup_v2', rn, [
      attr('name', `${v.name}-anti-affinity`),
      attr('policies', ['anti-affinity']),
    ]);
  }
  // Boot through block_device in every case: from the image onto local disk,
  // or from a volume made from the image. (The provider's argument list has
  // neither image_name nor block_device.volume_size.)
  const imageData = m.data('openstack_images_image_v2', rn, [
    attr('name', image),
    attr('most_recent', true),
  ]);
  // A boot volume is its own volume made from the image, one per instance.
  let bootVolume: HclExpr | undefined;
  if (v.bootVolume) {
    m.resource(
      'openstack_blockstorage_volume_v3',
      `${prefix}boot`,
      [
        attr('count', count),
        attr('name', call('format', '%s-boot-%d', v.name, COUNT_PLUS_ONE)),
        attr('size', v.bootVolume.sizeGiB),
        attr('volume_type', v.bootVolume.volumeType),
        attr('image_id', imageData('id')),
        attr('availability_zone', v.availabilityZone),
        attr('metadata', m.metadata),
      ],
      `var.${prefix}instance_count`,
    );
    bootVolume = counted(
      'openstack_blockstorage_volume_v3',
      `${prefix}boot`,
      'id',
    );
  }
  let userData = options.userData;
  if (!userData && v.userData !== undefined) {
    m.file(`cloud-init/${v.name}.yaml`, v.userData);
    userData = call('file', modulePath(`cloud-init/${v.name}.yaml`));
  }
  m.resource(
    'openstack_compute_instance_v2',
    rn,
    [
      attr('count', count),
      attr('name', call('format', '%s-%d', v.name, COUNT_PLUS_ONE)),
      attr('flavor_name', flavor),
      attr('key_pair', keyPair),
      attr('availability_zone', v.availabilityZone),
      attr('security_groups', v.securityGroups),
      attr('user_data', userData),
      attr('tags', m.tags),
      attr('metadata', Object.keys(v.metadata).length ? v.metadata : undefined),
      block(
        'block_device',
        [],
        [
          attr('uuid', bootVolume ?? imageData('id')),
          attr('source_type', bootVolume ? 'volume' : 'image'),
          attr('destination_type', bootVolume ? 'volume' : 'local'),
          attr('boot_index', 0),
          attr('delete_on_termination', true),
        ],
      ),
      block(
        'network',
        [],
        options.networkId
          ? [attr('uuid', options.networkId)]
          : [attr('name', v.network)],
      ),
      group ? block('scheduler_hints', [], [attr('group', group('id'))]) : [],
      options.extra ?? [],
    ],
    `var.${prefix}instance_count`,
  );
  for (const vol of v.volumes) {
    const id = `${prefix}${identifier(vol.name)}`;
    m.resource(
      'openstack_blockstorage_volume_v3',
      id,
      [
        attr('count', count),
        attr(
          'name',
          call('format', '%s-%s-%d', v.name, vol.name, COUNT_PLUS_ONE),
        ),
        attr('size', vol.sizeGiB),
        attr('volume_type', vol.volumeType),
        attr('availability_zone', v.availabilityZone),
        attr('metadata', m.metadata),
      ],
      `var.${prefix}instance_count`,
    );
    m.resource(
      'openstack_compute_volume_attach_v2',
      id,
      [
        attr('count', count),
        attr('instance_id', counted('openstack_compute_instance_v2', rn, 'id')),
        attr(
          'volume_id',
          counted('openstack_blockstorage_volume_v3', id, 'id'),
        ),
      ],
      `var.${prefix}instance_count`,
    );
  }
  if (v.floatingIpPool) {
    const pool = m.variable(
      `${prefix}floating_ip_pool`,
      TYPES.string,
      'External network floating IPs come from.',
      v.floatingIpPool,
    );
    m.resource(
      'openstack_networking_floatingip_v2',
      rn,
      [attr('count', count), attr('pool', pool), attr('tags', m.tags)],
      `var.${prefix}instance_count`,
    );
    m.resource(
      'openstack_networking_floatingip_associate_v2',
      rn,
      [
        attr('count', count),
        attr(
          'floating_ip',
          counted('openstack_networking_floatingip_v2', rn, 'address'),
        ),
        attr(
          'port_id',
          counted('openstack_compute_instance_v2', rn, 'network', 0, 'port'),
        ),
      ],
      `var.${prefix}instance_count`,
    );
    m.output(
      `${prefix}floating_ips`,
      splat('openstack_networking_floatingip_v2', rn, 'address'),
      `Floating IPs of the ${v.name} instances.`,
    );
  }
  m.output(
    `${prefix}instance_ids`,
    splat('openstack_compute_instance_v2', rn, 'id'),
    `Ids of the ${v.name} instances.`,
  );
  m.output(
    `${prefix}private_ips`,
    splat('openstack_compute_instance_v2', rn, 'access_ip_v4'),
    `Private IPv4 addresses of the ${v.name} instances.`,
  );
}

export function renderInstances(v: InstancesInput): TerraformModule {
  const m = builderFor(v);
  addInstances(m, v);
  return m.build();
}
