/**
 * KRO ResourceGraphDefinitions for Canopy's abstractions (seed 001):
 * Workspace, WebApplication, Infrastructure and Topic, and their instances.
 * `${...}` inside templates are KRO CEL expressions, fixed by Canopy.
 */
import { z } from 'zod/v3';
import { dnsLabel, targetPath, text } from '../inputs';

const API_VERSION = 'kro.run/v1alpha1';
const cel = (expr: string) => `\${${expr}}`;

const restrictedContainer = {
  allowPrivilegeEscalation: false,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

function rgd(
  kind: string,
  description: string,
  spec: Record<string, string>,
  resources: Array<{ id: string; template: object }>,
  status: Record<string, string> = {},
) {
  return {
    apiVersion: API_VERSION,
    kind: 'ResourceGraphDefinition',
    metadata: {
      name: kind.toLowerCase(),
      labels: { 'app.kubernetes.io/managed-by': 'canopy' },
      annotations: { 'canopy-idp.io/description': description },
    },
    spec: {
      schema: {
        apiVersion: 'v1alpha1',
        kind,
        spec,
        ...(Object.keys(status).length ? { status } : {}),
      },
      resources,
    },
  };
}

export function workspaceRgd(ingressNamespace: string) {
  const ns = cel('schema.spec.name');
  return rgd(
    'Workspace',
    'Isolated tenant namespace: PodSecurity labels, default-deny network policy with DNS, same-namespace and ingress allowances, quota and default limits.',
    {
      name: 'string | required=true',
      podSecurity: 'string | default="restricted"',
      cpu: 'string | default="8"',
      memory: 'string | default="16Gi"',
      pods: 'integer | default=50',
    },
    [
      {
        id: 'namespace',
        template: {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: {
            name: ns,
            labels: {
              'pod-security.kubernetes.io/enforce': cel(
                'schema.spec.podSecurity',
              ),
              'pod-security.kubernetes.io/audit': cel(
                'schema.spec.podSecurity',
              ),
              'pod-security.kubernetes.io/warn': cel('schema.spec.podSecurity'),
              'app.kubernetes.io/managed-by': 'canopy',
            },
          },
        },
      },
      {
        id: 'defaultDeny',
        template: {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: {
            name: 'default-deny',
            namespace: cel('namespace.metadata.name'),
          },
          spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
        },
      },
      {
        id: 'allowSameNamespaceAndDns',
        template: {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: {
            name: 'allow-same-namespace-and-dns',
            namespace: cel('namespace.metadata.name'),
          },
          spec: {
            podSelector: {},
            policyTypes: ['Ingress', 'Egress'],
            ingress: [{ from: [{ podSelector: {} }] }],
            egress: [
              { to: [{ podSelector: {} }] },
              {
                to: [
                  {
                    namespaceSelector: {
                      matchLabels: {
                        'kubernetes.io/metadata.name': 'kube-system',
                      },
                    },
                  },
                ],
                ports: [
                  { protocol: 'UDP', port: 53 },
                  { protocol: 'TCP', port: 53 },
                ],
              },
            ],
          },
        },
      },
      {
        id: 'allowIngressController',
        template: {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: {
            name: 'allow-ingress-controller',
            namespace: cel('namespace.metadata.name'),
          },
          spec: {
            podSelector: { matchLabels: { 'canopy-idp.io/expose': 'true' } },
            policyTypes: ['Ingress'],
            ingress: [
              {
                from: [
                  {
                    namespaceSelector: {
                      matchLabels: {
                        'kubernetes.io/metadata.name': ingressNamespace,
                      },
                    },
                  },
                ],
              },
            ],
          },
        },
      },
      {
        id: 'quota',
        template: {
          apiVersion: 'v1',
          kind: 'ResourceQuota',
          metadata: {
            name: 'workspace-quota',
            namespace: cel('namespace.metadata.name'),
          },
          spec: {
            hard: {
              'requests.cpu': cel('schema.spec.cpu'),
              'limits.cpu': cel('schema.spec.cpu'),
              'requests.memory': cel('schema.spec.memory'),
              'limits.memory': cel('schema.spec.memory'),
              pods: cel('string(schema.spec.pods)'),
            },
          },
        },
      },
      {
        id: 'limits',
        template: {
          apiVersion: 'v1',
          kind: 'LimitRange',
          metadata: {
            name: 'workspace-defaults',
            namespace: cel('namespace.metadata.name'),
          },
          spec: {
            limits: [
              {
                type: 'Container',
                defaultRequest: { cpu: '100m', memory: '128Mi' },
                default: { cpu: '500m', memory: '512Mi' },
              },
            ],
          },
        },
      },
    ],
    { namespace: cel('namespace.metadata.name') },
  );
}

export function webApplicationRgd() {
  const labels = {
    'app.kubernetes.io/name': cel('schema.spec.name'),
    'app.kubernetes.io/managed-by': 'canopy',
  };
  return rgd(
    'WebApplication',
    'Containerized web application: Deployment with probes, requests/limits and a restricted security context, Service and Ingress.',
    {
      name: 'string | required=true',
      namespace: 'string | required=true',
      image: 'string | required=true',
      tag: 'string | required=true',
      replicas: 'integer | default=2',
      port: 'integer | default=8080',
      host: 'string | required=true',
      healthPath: 'string | default="/healthz"',
      cpuRequest: 'string | default="100m"',
      memoryRequest: 'string | default="128Mi"',
      cpuLimit: 'string | default="500m"',
      memoryLimit: 'string | default="512Mi"',
    },
    [
      {
        id: 'deployment',
        template: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: {
            name: cel('schema.spec.name'),
            namespace: cel('schema.spec.namespace'),
            labels,
          },
          spec: {
            replicas: cel('schema.spec.replicas'),
            selector: {
              matchLabels: {
                'app.kubernetes.io/name': cel('schema.spec.name'),
              },
            },
            template: {
              metadata: {
                labels: { ...labels, 'canopy-idp.io/expose': 'true' },
              },
              spec: {
                securityContext: {
                  runAsNonRoot: true,
                  seccompProfile: { type: 'RuntimeDefault' },
                },
                containers: [
                  {
                    name: 'app',
                    image: cel("schema.spec.image + ':' + schema.spec.tag"),
                    ports: [
                      { name: 'http', containerPort: cel('schema.spec.port') },
                    ],
                    readinessProbe: {
                      httpGet: {
                        path: cel('schema.spec.healthPath'),
                        port: 'http',
                      },
                      periodSeconds: 10,
                    },
                    livenessProbe: {
                      httpGet: {
                        path: cel('schema.spec.healthPath'),
                        port: 'http',
                      },
                      initialDelaySeconds: 10,
                      periodSeconds: 20,
                    },
                    resources: {
                      requests: {
                        cpu: cel('schema.spec.cpuRequest'),
                        memory: cel('schema.spec.memoryRequest'),
                      },
                      limits: {
                        cpu: cel('schema.spec.cpuLimit'),
                        memory: cel('schema.spec.memoryLimit'),
                      },
                    },
                    securityContext: restrictedContainer,
                  },
                ],
              },
            },
          },
        },
      },
      {
        id: 'service',
        template: {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: {
            name: cel('schema.spec.name'),
            namespace: cel('schema.spec.namespace'),
            labels,
          },
          spec: {
            selector: { 'app.kubernetes.io/name': cel('schema.spec.name') },
            ports: [{ name: 'http', port: 80, targetPort: 'http' }],
          },
        },
      },
      {
        id: 'ingress',
        template: {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'Ingress',
          metadata: {
            name: cel('schema.spec.name'),
            namespace: cel('schema.spec.namespace'),
            labels,
          },
          spec: {
            rules: [
              {
                host: cel('schema.spec.host'),
                http: {
                  paths: [
                    {
                      path: '/',
                      pathType: 'Prefix',
                      backend: {
                        service: {
                          name: cel('service.metadata.name'),
                          port: { name: 'http' },
                        },
                      },
                    },
                  ],
                },
              },
            ],
          },
        },
      },
    ],
    { availableReplicas: cel('deployment.status.availableReplicas') },
  );
}

export function infrastructureRgd() {
  const labels = {
    'app.kubernetes.io/name': cel("schema.spec.name + '-redis'"),
    'app.kubernetes.io/managed-by': 'canopy',
  };
  return rgd(
    'Infrastructure',
    'PostgreSQL (CloudNativePG) and Redis for an application. Credentials are Secret references, never values.',
    {
      name: 'string | required=true',
      namespace: 'string | required=true',
      database: 'string | required=true',
      instances: 'integer | default=1',
      storageSize: 'string | default="10Gi"',
      redisImage: 'string | default="redis:7.2.5"',
      redisPasswordSecret: 'string | required=true',
    },
    [
      {
        id: 'postgres',
        template: {
          apiVersion: 'postgresql.cnpg.io/v1',
          kind: 'Cluster',
          metadata: {
            name: cel("schema.spec.name + '-pg'"),
            namespace: cel('schema.spec.namespace'),
          },
          spec: {
            instances: cel('schema.spec.instances'),
            storage: { size: cel('schema.spec.storageSize') },
            // CloudNativePG creates the application user's Secret (<name>-pg-app); nothing secret is written here.
            bootstrap: {
              initdb: {
                database: cel('schema.spec.database'),
                owner: cel('schema.spec.database'),
              },
            },
          },
        },
      },
      {
        id: 'redis',
        template: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: {
            name: cel("schema.spec.name + '-redis'"),
            namespace: cel('schema.spec.namespace'),
            labels,
          },
          spec: {
            replicas: 1,
            selector: {
              matchLabels: {
                'app.kubernetes.io/name': cel("schema.spec.name + '-redis'"),
              },
            },
            template: {
              metadata: { labels },
              spec: {
                securityContext: {
                  runAsNonRoot: true,
                  runAsUser: 999,
                  seccompProfile: { type: 'RuntimeDefault' },
                },
                containers: [
                  {
                    name: 'redis',
                    image: cel('schema.spec.redisImage'),
                    args: ['--requirepass', '$(REDIS_PASSWORD)'],
                    env: [
                      {
                        name: 'REDIS_PASSWORD',
                        valueFrom: {
                          secretKeyRef: {
                            name: cel('schema.spec.redisPasswordSecret'),
                            key: 'password',
                          },
                        },
                      },
                    ],
                    ports: [{ name: 'redis', containerPort: 6379 }],
                    readinessProbe: {
                      tcpSocket: { port: 'redis' },
                      periodSeconds: 10,
                    },
                    livenessProbe: {
                      tcpSocket: { port: 'redis' },
                      initialDelaySeconds: 10,
                      periodSeconds: 20,
                    },
                    resources: {
                      requests: { cpu: '50m', memory: '64Mi' },
                      limits: { cpu: '250m', memory: '256Mi' },
                    },
                    securityContext: restrictedContainer,
                  },
                ],
              },
            },
          },
        },
      },
      {
        id: 'redisService',
        template: {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: {
            name: cel("schema.spec.name + '-redis'"),
            namespace: cel('schema.spec.namespace'),
          },
          spec: {
            selector: {
              'app.kubernetes.io/name': cel("schema.spec.name + '-redis'"),
            },
            ports: [{ name: 'redis', port: 6379, targetPort: 'redis' }],
          },
        },
      },
    ],
  );
}

export function topicRgd(kafkaNamespace: string, kafkaCluster: string) {
  return rgd(
    'Topic',
    'A Kafka topic on the shared Strimzi cluster, named <namespace>.<name>.',
    {
      name: 'string | required=true',
      namespace: 'string | required=true',
      partitions: 'integer | default=3',
      replicas: 'integer | default=3',
      retentionMs: 'integer | default=604800000',
    },
    [
      {
        id: 'topic',
        template: {
          apiVersion: 'kafka.strimzi.io/v1',
          kind: 'KafkaTopic',
          metadata: {
            name: cel("schema.spec.namespace + '.' + schema.spec.name"),
            namespace: kafkaNamespace,
            labels: { 'strimzi.io/cluster': kafkaCluster },
          },
          spec: {
            partitions: cel('schema.spec.partitions'),
            replicas: cel('schema.spec.replicas'),
            config: {
              'retention.ms': cel('schema.spec.retentionMs'),
              'cleanup.policy': 'delete',
            },
          },
        },
      },
    ],
  );
}

export const definitionsInput = z.object({
  abstractions: z
    .array(z.enum(['Workspace', 'WebApplication', 'Infrastructure', 'Topic']))
    .min(1)
    .default(['Workspace', 'WebApplication', 'Infrastructure', 'Topic']),
  ingressNamespace: dnsLabel('ingressNamespace').default('ingress-nginx'),
  kafkaNamespace: dnsLabel('kafkaNamespace').default('kafka'),
  kafkaCluster: dnsLabel('kafkaCluster').default('shared'),
  targetPath: targetPath().default('platform/abstractions'),
});
export type DefinitionsInput = z.output<typeof definitionsInput>;

export function renderDefinitions(v: DefinitionsInput): Record<string, object> {
  const all: Record<string, () => object> = {
    Workspace: () => workspaceRgd(v.ingressNamespace),
    WebApplication: () => webApplicationRgd(),
    Infrastructure: () => infrastructureRgd(),
    Topic: () => topicRgd(v.kafkaNamespace, v.kafkaCluster),
  };
  const out: Record<string, object> = {};
  for (const kind of v.abstractions)
    out[`${kind.toLowerCase()}.yaml`] = all[kind]();
  return out;
}

/** An instance of one abstraction; `spec` is checked by kind. */
const image = z
  .string()
  .regex(
    /^[a-z0-9]+([._\-/:][a-z0-9]+)*$/,
    'image is a repository such as ghcr.io/acme/payments (no tag)',
  );
const host = z
  .string()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,63}$/,
    'host must be a DNS name such as payments.example.com',
  );
const quantity = z
  .string()
  .regex(
    /^[0-9]+(\.[0-9]+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/,
    'must be a Kubernetes quantity such as 500m or 1Gi',
  );

export const instanceInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('Workspace'),
    name: dnsLabel(),
    podSecurity: z.enum(['baseline', 'restricted']).default('restricted'),
    cpu: quantity.default('8'),
    memory: quantity.default('16Gi'),
    pods: z.number().int().min(1).max(10000).default(50),
    description: text(255).optional(),
  }),
  z.object({
    kind: z.literal('WebApplication'),
    name: dnsLabel(),
    namespace: dnsLabel('namespace'),
    image,
    tag: z
      .string()
      .regex(
        /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/,
        'tag is an image tag such as 1.4.2',
      )
      .refine(t => t !== 'latest', { message: "tag must not be 'latest'" }),
    replicas: z
      .number()
      .int()
      .min(1, 'replicas must be at least 1')
      .max(100, 'replicas must be at most 100')
      .default(2),
    port: z.number().int().min(1).max(65535).default(8080),
    host,
    healthPath: z
      .string()
      .regex(
        /^\/[\x21-\x7e]*$/,
        'healthPath must start with / and contain only visible ASCII',
      )
      .default('/healthz'),
    description: text(255).optional(),
  }),
  z.object({
    kind: z.literal('Infrastructure'),
    name: dnsLabel(),
    namespace: dnsLabel('namespace'),
    database: z
      .string()
      .regex(
        /^[a-z_][a-z0-9_]{0,62}$/,
        'database is a PostgreSQL identifier: a-z, 0-9 and _',
      ),
    instances: z.number().int().min(1).max(9).default(1),
    storageSize: quantity.default('10Gi'),
    redisPasswordSecret: dnsLabel('redisPasswordSecret'),
    description: text(255).optional(),
  }),
  z.object({
    kind: z.literal('Topic'),
    name: dnsLabel(),
    namespace: dnsLabel('namespace'),
    partitions: z.number().int().min(1).max(1000).default(3),
    replicas: z.number().int().min(1).max(7).default(3),
    retentionMs: z
      .number()
      .int('retentionMs must be a whole number of milliseconds')
      .min(-1, 'retentionMs is -1 (keep forever) or more')
      .max(
        Number.MAX_SAFE_INTEGER,
        `retentionMs must be at most ${Number.MAX_SAFE_INTEGER} (written exactly as an integer)`,
      )
      .default(604800000),
    description: text(255).optional(),
  }),
]);
export type InstanceInput = z.output<typeof instanceInput>;

export function renderInstance(v: InstanceInput & { entityRef?: string }) {
  const { kind, description, ...spec } = v as any;
  delete spec.entityRef;
  const namespace = kind === 'Workspace' ? undefined : spec.namespace;
  return {
    apiVersion: API_VERSION,
    kind,
    metadata: {
      name: spec.name,
      ...(namespace ? { namespace } : {}),
      labels: { 'app.kubernetes.io/managed-by': 'canopy' },
      ...(description !== undefined || v.entityRef
        ? {
            annotations: {
              ...(v.entityRef
                ? { 'backstage.io/source-entity': v.entityRef }
                : {}),
              ...(description !== undefined
                ? { 'canopy-idp.io/description': description }
                : {}),
            },
          }
        : {}),
    },
    spec,
  };
}
