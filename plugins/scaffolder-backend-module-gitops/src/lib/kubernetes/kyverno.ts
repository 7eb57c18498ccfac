/** Kyverno guardrails (seed 004): naming, requests/limits, probes, no `latest`, allowed registries, PodSecurity. */
import { z } from 'zod/v3';
import { targetPath } from '@canopy-idp/plugin-scaffolder-node';

const registry = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]+)?(\/[a-z0-9._-]+)*$/,
    'registry is a host[:port][/path] such as ghcr.io/acme',
  );

export const kyvernoInput = z.object({
  failureAction: z.enum(['Enforce', 'Audit']).default('Enforce'),
  excludeNamespaces: z
    .array(
      z
        .string()
        .regex(
          /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
          'namespaces are DNS-1123 labels',
        ),
    )
    .default(['kube-system', 'kyverno', 'argocd', 'flux-system']),
  requiredLabels: z
    .array(
      z
        .string()
        .regex(
          /^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/,
          'label keys look like app.kubernetes.io/name',
        ),
    )
    .default(['app.kubernetes.io/name'])
    .superRefine((labels, ctx) => {
      labels.forEach((l, i) => {
        if (labels.indexOf(l) !== i)
          ctx.addIssue({
            code: 'custom',
            path: [i],
            message: `required label '${l}' is listed twice`,
          });
      });
    })
    .describe(
      'Labels every workload must carry; an empty list renders no such policy',
    ),
  namePattern: z
    .string()
    .regex(
      /^[a-z0-9*?{}.\-]+$/,
      "namePattern is a Kyverno wildcard such as '{{request.namespace}}-*' or 'team-?*'",
    )
    .max(100)
    .default('{{request.namespace}}-*')
    .describe(
      'Naming convention for workloads and services (Kyverno wildcard; variables allowed)',
    ),
  allowedRegistries: z
    .array(registry)
    .min(1, 'give at least one allowed registry')
    .default(['ghcr.io', 'docker.io/library']),
  podSecurityLevel: z.enum(['baseline', 'restricted']).default('restricted'),
  targetPath: targetPath().default('platform/policies'),
});
export type KyvernoInput = z.output<typeof kyvernoInput>;

/** Resources the naming and labelling rules apply to. */
const WORKLOADS_AND_SERVICES = {
  any: [
    {
      resources: {
        kinds: [
          'Deployment',
          'StatefulSet',
          'DaemonSet',
          'Job',
          'CronJob',
          'Service',
        ],
      },
    },
  ],
};

export function renderKyvernoPolicies(v: KyvernoInput): Record<string, object> {
  const match = { any: [{ resources: { kinds: ['Pod'] } }] };
  const exclude = { any: [{ resources: { namespaces: v.excludeNamespaces } }] };
  const policy = (
    name: string,
    title: string,
    description: string,
    validate: object,
    kinds = match,
  ) => ({
    apiVersion: 'kyverno.io/v1',
    kind: 'ClusterPolicy',
    metadata: {
      name,
      labels: { 'app.kubernetes.io/managed-by': 'canopy' },
      annotations: {
        'policies.kyverno.io/title': title,
        'policies.kyverno.io/description': description,
      },
    },
    spec: {
      validationFailureAction: v.failureAction,
      background: true,
      rules: [{ name, match: kinds, exclude, validate }],
    },
  });
  const containers = (shape: object) => ({
    spec: {
      '=(initContainers)': [shape],
      containers: [shape],
    },
  });
  // No required labels means no such policy: a rule that checks nothing
  // would read as a guardrail that is not there.
  const requireLabels: Record<string, object> = v.requiredLabels.length
    ? {
        'require-labels.yaml': policy(
          'canopy-require-labels',
          'Naming convention: required labels',
          `Workloads carry the labels ${v.requiredLabels.join(', ')}.`,
          {
            message: `Label(s) ${v.requiredLabels.join(', ')} are required.`,
            pattern: {
              metadata: {
                labels: Object.fromEntries(
                  v.requiredLabels.map(l => [l, '?*']),
                ),
              },
            },
          },
          WORKLOADS_AND_SERVICES,
        ),
      }
    : {};
  return {
    ...requireLabels,
    'naming-convention.yaml': policy(
      'canopy-naming-convention',
      'Naming convention',
      `Workload and service names match ${v.namePattern}.`,
      {
        message: `Names must match ${v.namePattern}.`,
        pattern: { metadata: { name: v.namePattern } },
      },
      WORKLOADS_AND_SERVICES,
    ),
    'require-requests-limits.yaml': policy(
      'canopy-require-requests-limits',
      'Requests and limits required',
      'Every container sets CPU and memory requests and a memory limit.',
      {
        message: 'CPU and memory requests and a memory limit are required.',
        pattern: containers({
          resources: {
            requests: { cpu: '?*', memory: '?*' },
            limits: { memory: '?*' },
          },
        }),
      },
    ),
    'require-probes.yaml': policy(
      'canopy-require-probes',
      'Probes required',
      'Every container has a liveness and a readiness probe.',
      {
        message: 'Liveness and readiness probes are required.',
        pattern: {
          spec: { containers: [{ livenessProbe: '?*', readinessProbe: '?*' }] },
        },
      },
    ),
    'disallow-latest-tag.yaml': policy(
      'canopy-disallow-latest-tag',
      'No latest tag',
      "Images are pinned: a tag other than 'latest', or a digest.",
      {
        message: "Images must name a tag other than 'latest' (or a digest).",
        pattern: containers({ image: '*:* & !*:latest' }),
      },
    ),
    'allowed-registries.yaml': policy(
      'canopy-allowed-registries',
      'Allowed registries',
      `Images come from ${v.allowedRegistries.join(', ')}.`,
      {
        message: `Images must come from ${v.allowedRegistries.join(', ')}.`,
        pattern: containers({
          image: v.allowedRegistries.map(r => `${r}/*`).join(' | '),
        }),
      },
    ),
    'pod-security.yaml': policy(
      'canopy-pod-security',
      `Pod Security Standards: ${v.podSecurityLevel}`,
      `Pods meet the ${v.podSecurityLevel} Pod Security Standard.`,
      { podSecurity: { level: v.podSecurityLevel, version: 'latest' } },
    ),
  };
}
