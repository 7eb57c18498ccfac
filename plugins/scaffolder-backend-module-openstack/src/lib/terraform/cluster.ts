import { z } from 'zod/v3';
import { attr, call, modulePath, ref } from '../hcl';
import {
  cidr,
  cidrsOverlap,
  regionName,
  text,
} from '@canopy-idp/plugin-scaffolder-node';
import { builderFor, commonInput } from './common';
import { addInstances, instancesInput } from './compute';
import { TerraformModule, TYPES } from './module';
import { addNetworkStack } from './network';
import { CONTROL_PLANE_TEMPLATE, WORKER_TEMPLATE } from './templates';

const version = (what: string, example: string) =>
  z
    .string()
    .regex(
      /^\d+\.\d+(\.\d+)?$/,
      `${what} must be a version such as ${example}`,
    );

/** Nodes are named `<name>-worker-<n>`; `<name>-worker` must stay a DNS-1123 label (63). */
const CLUSTER_NAME_MAX = 63 - '-worker'.length;

export const clusterInput = z
  .object({
    ...commonInput,
    name: commonInput.name.max(
      CLUSTER_NAME_MAX,
      `name must be at most ${CLUSTER_NAME_MAX} characters: the worker nodes are named <name>-worker-<n>, and <name>-worker must be a DNS-1123 label (63)`,
    ),
    region: regionName().describe(
      'OpenStack region (Cinder CSI needs it; written into its cloud.conf)',
    ),
    cidr: cidr().default('10.10.0.0/24').describe('Node subnet'),
    podCidr: cidr().default('192.168.0.0/16').describe('Pod network (Calico)'),
    serviceCidr: cidr().default('10.96.0.0/12').describe('Service network'),
    externalNetwork: text(255, 1).describe(
      'External network: router gateway and floating IP pool',
    ),
    image: text(255, 1)
      .default('ubuntu-24.04')
      .describe('Ubuntu image for every node'),
    keyPair: text(255, 1).optional(),
    controlPlaneFlavor: text(128, 1),
    workerFlavor: text(128, 1),
    workerCount: z
      .number()
      .int()
      .min(1, 'workerCount must be at least 1')
      .max(20, 'workerCount must be at most 20')
      .default(2),
    kubernetesVersion: z
      .string()
      .regex(/^1\.\d{2}$/, 'kubernetesVersion is a minor version such as 1.31')
      .default('1.31'),
    calicoVersion: version('calicoVersion', '3.28.2').default('3.28.2'),
    cinderCsiVersion: version('cinderCsiVersion', '1.31.2').default('1.31.2'),
    adminCidrs: z
      .array(cidr())
      .max(20)
      .default([])
      .describe('Networks allowed to reach SSH and the Kubernetes API'),
  })
  .superRefine((v, ctx) => {
    const nets: Array<[keyof typeof v, string]> = [
      ['cidr', v.cidr],
      ['podCidr', v.podCidr],
      ['serviceCidr', v.serviceCidr],
    ];
    for (let i = 0; i < nets.length; i++) {
      for (let j = i + 1; j < nets.length; j++) {
        if (cidrsOverlap(nets[i][1], nets[j][1])) {
          ctx.addIssue({
            code: 'custom',
            path: [nets[j][0]],
            message: `${nets[j][1]} overlaps ${nets[i][0]} ${nets[i][1]}`,
          });
        }
      }
    }
  });
export type ClusterInput = z.output<typeof clusterInput>;

export function renderCluster(v: ClusterInput): TerraformModule {
  const m = builderFor(v);
  m.requireProvider('random', 'hashicorp/random', '~> 3.6');
  const { network } = addNetworkStack(m, {
    ...v,
    gatewayIp: undefined,
    dnsNameservers: [],
    allocationPools: [],
    router: true,
  });

  // Nodes: everything among themselves; SSH and the API from the admin networks; HTTP(S) from anywhere.
  const sg = m.resource('openstack_networking_secgroup_v2', 'nodes', [
    attr('name', `${v.name}-nodes`),
    attr('description', `Kubernetes nodes of ${v.name}`),
    attr('tags', m.tags),
  ]);
  m.resource('openstack_networking_secgroup_rule_v2', 'nodes_internal', [
    attr('direction', 'ingress'),
    attr('ethertype', 'IPv4'),
    attr('remote_group_id', sg('id')),
    attr('security_group_id', sg('id')),
    attr('description', 'node to node'),
  ]);
  const rules: Array<[string, number, string]> = [];
  v.adminCidrs.forEach(c => rules.push(['ssh', 22, c], ['api', 6443, c]));
  rules.push(['http', 80, '0.0.0.0/0'], ['https', 443, '0.0.0.0/0']);
  rules.forEach(([what, port, remote], i) => {
    m.resource(
      'openstack_networking_secgroup_rule_v2',
      `nodes_${what}_${i + 1}`,
      [
        attr('direction', 'ingress'),
        attr('ethertype', remote.includes(':') ? 'IPv6' : 'IPv4'),
        attr('protocol', 'tcp'),
        attr('port_range_min', port),
        attr('port_range_max', port),
        attr('remote_ip_prefix', remote),
        attr('security_group_id', sg('id')),
      ],
    );
  });

  // kubeadm bootstrap token: made by Terraform, kept in its state and in user data, never in this repository.
  const tokenId = m.resource('random_string', 'token_id', [
    attr('length', 6),
    attr('special', false),
    attr('upper', false),
  ]);
  const tokenSecret = m.resource('random_string', 'token_secret', [
    attr('length', 16),
    attr('special', false),
    attr('upper', false),
  ]);
  const kubernetesVersion = m.variable(
    'kubernetes_version',
    TYPES.string,
    'Kubernetes minor version.',
    v.kubernetesVersion,
  );
  const authUrl = m.variable(
    'cinder_csi_auth_url',
    TYPES.string,
    'Keystone URL for the Cinder CSI driver.',
  );
  const credId = m.variable(
    'cinder_csi_application_credential_id',
    TYPES.string,
    'Application credential id for the Cinder CSI driver.',
  );
  const credSecret = m.variable(
    'cinder_csi_application_credential_secret',
    TYPES.string,
    'Application credential secret for the Cinder CSI driver; give it at apply time (TF_VAR_...).',
    undefined,
    true,
  );

  const controlPlaneIp = ref(
    'openstack_networking_floatingip_v2',
    'control_plane',
    0,
    'address',
  );
  const privateEndpoint = call(
    'format',
    '%s:6443',
    ref('openstack_compute_instance_v2', 'control_plane', 0, 'access_ip_v4'),
  );
  m.locals([
    attr(
      'bootstrap_token',
      call('format', '%s.%s', tokenId('result'), tokenSecret('result')),
    ),
    attr(
      'kubeadm_config',
      call('join', '---\n', [
        call('yamlencode', {
          apiVersion: 'kubeadm.k8s.io/v1beta4',
          kind: 'InitConfiguration',
          bootstrapTokens: [
            { token: ref('local', 'bootstrap_token'), ttl: '24h0m0s' },
          ] as any,
        }),
        call('yamlencode', {
          apiVersion: 'kubeadm.k8s.io/v1beta4',
          kind: 'ClusterConfiguration',
          kubernetesVersion: call('format', 'stable-%s', kubernetesVersion),
          networking: { podSubnet: v.podCidr, serviceSubnet: v.serviceCidr },
          apiServer: { certSANs: [controlPlaneIp] },
        }),
      ]),
    ),
    attr(
      'cloud_conf',
      call('join', '\n', [
        '[Global]',
        call('format', 'auth-url=%s', authUrl),
        call('format', 'application-credential-id=%s', credId),
        call('format', 'application-credential-secret=%s', credSecret),
        call('format', 'region=%s', ref('var', 'region')),
        '',
      ]),
    ),
    attr(
      'join_config',
      call('yamlencode', {
        apiVersion: 'kubeadm.k8s.io/v1beta4',
        kind: 'JoinConfiguration',
        discovery: {
          bootstrapToken: {
            apiServerEndpoint: privateEndpoint,
            token: ref('local', 'bootstrap_token'),
            // The CA is made on the control plane at boot, so its hash is not known here.
            unsafeSkipCAVerification: true,
          },
        },
      }),
    ),
  ]);
  m.file('cloud-init/control-plane.yaml.tftpl', CONTROL_PLANE_TEMPLATE);
  m.file('cloud-init/worker.yaml.tftpl', WORKER_TEMPLATE);

  const waitForRouter = attr('depends_on', [
    ref('openstack_networking_router_interface_v2', 'main'),
  ]);
  const nodes = {
    entityRef: v.entityRef,
    cloud: v.cloud,
    region: v.region,
    tags: v.tags,
    image: v.image,
    keyPair: v.keyPair,
    network: v.name,
    securityGroups: [`${v.name}-nodes`],
    antiAffinity: false,
    volumes: [],
    metadata: {},
  };
  addInstances(
    m,
    instancesInput.parse({
      ...nodes,
      name: `${v.name}-cp`,
      count: 1,
      flavor: v.controlPlaneFlavor,
      floatingIpPool: v.externalNetwork,
    }),
    {
      resourceName: 'control_plane',
      networkId: network('id'),
      userData: call(
        'templatefile',
        modulePath('cloud-init/control-plane.yaml.tftpl'),
        {
          kubeadm_config: ref('local', 'kubeadm_config'),
          cloud_conf: ref('local', 'cloud_conf'),
          kubernetes_minor: kubernetesVersion,
          calico_version: v.calicoVersion,
          cinder_csi_version: v.cinderCsiVersion,
        },
      ),
      extra: waitForRouter,
    },
  );
  addInstances(
    m,
    instancesInput.parse({
      ...nodes,
      name: `${v.name}-worker`,
      count: v.workerCount,
      flavor: v.workerFlavor,
      antiAffinity: true,
    }),
    {
      resourceName: 'worker',
      networkId: network('id'),
      userData: call(
        'templatefile',
        modulePath('cloud-init/worker.yaml.tftpl'),
        {
          join_config: ref('local', 'join_config'),
          kubernetes_minor: kubernetesVersion,
        },
      ),
      extra: waitForRouter,
    },
  );
  m.output(
    'api_endpoint',
    call('format', 'https://%s:6443', controlPlaneIp),
    'Kubernetes API endpoint.',
  );
  return m.build();
}
