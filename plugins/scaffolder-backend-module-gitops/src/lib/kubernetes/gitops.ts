/** Argo CD Applications (seed 004) and Flux Kustomizations (seed 001); the app-of-apps is in appOfApps.ts. */
import { z } from 'zod/v3';
import { dnsLabel, relativePath } from '@canopy-idp/plugin-scaffolder-node';

export const repoURL = z
  .string()
  .max(2048)
  .regex(
    /^(https:\/\/|ssh:\/\/|git@)[\x21-\x7e]+$/,
    'sourceRepoURL must be an https://, ssh:// or git@ Git URL of visible ASCII characters (no spaces, controls or non-ASCII: percent-encode them)',
  )
  .refine(v => !/["'\\]/.test(v), {
    message: 'sourceRepoURL must not contain quotes or backslashes',
  })
  .refine(v => !v.includes('{{'), {
    message:
      "sourceRepoURL must not contain '{{' (Argo CD would read a template)",
  });

/** The API server URL an Application deploys to. */
export const destinationServer = z
  .string()
  .url('destinationServer must be a URL')
  .regex(
    /^https?:\/\/[\x21-\x7e]+$/,
    'destinationServer must be an http(s) URL of visible ASCII characters',
  )
  .refine(v => !v.includes('{{'), {
    message:
      "destinationServer must not contain '{{' (Argo CD would read a template)",
  })
  .default('https://kubernetes.default.svc');
/** A folder in the repository, named by its field in messages. */
export const repoPath = (what: string) => relativePath(what);
export const revision = z
  .string()
  .regex(
    /^[A-Za-z0-9._/-]{1,255}$/,
    'targetRevision is a branch, tag or commit',
  );

export const syncPolicyInput = z
  .object({
    automated: z.boolean().default(true),
    prune: z.boolean().default(true),
    selfHeal: z.boolean().default(true),
    createNamespace: z.boolean().default(true),
  })
  .default({});

export function syncPolicy(p: z.output<typeof syncPolicyInput>) {
  return {
    ...(p.automated
      ? { automated: { prune: p.prune, selfHeal: p.selfHeal } }
      : {}),
    syncOptions: [
      ...(p.createNamespace ? ['CreateNamespace=true'] : []),
      'ServerSideApply=true',
    ],
  };
}

export const applicationInput = z.object({
  name: dnsLabel(),
  argocdNamespace: dnsLabel('argocdNamespace').default('argocd'),
  project: dnsLabel('project').default('default'),
  sourceRepoURL: repoURL,
  targetRevision: revision.default('main'),
  path: repoPath('path'),
  destinationServer,
  destinationNamespace: dnsLabel('destinationNamespace'),
  syncPolicy: syncPolicyInput,
  targetPath: repoPath('targetPath').optional(),
});
export type ApplicationInput = z.output<typeof applicationInput>;

export function application(
  v: Omit<ApplicationInput, 'targetPath'>,
  labels: Record<string, string> = {},
) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: v.name,
      namespace: v.argocdNamespace,
      labels: { 'app.kubernetes.io/managed-by': 'canopy', ...labels },
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
    },
    spec: {
      project: v.project,
      source: {
        repoURL: v.sourceRepoURL,
        targetRevision: v.targetRevision,
        path: v.path,
      },
      destination: {
        server: v.destinationServer,
        namespace: v.destinationNamespace,
      },
      syncPolicy: syncPolicy(v.syncPolicy),
    },
  };
}

const duration = z
  .string()
  .regex(
    /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/,
    'must be a duration such as 10m or 1h30m',
  );

export const fluxKustomizationInput = z.object({
  name: dnsLabel(),
  namespace: dnsLabel('namespace').default('flux-system'),
  sourceName: dnsLabel('sourceName')
    .default('flux-system')
    .describe('GitRepository the path lives in'),
  path: repoPath('path'),
  interval: duration.default('10m'),
  prune: z.boolean().default(true),
  targetNamespace: dnsLabel('targetNamespace').optional(),
  dependsOn: z.array(dnsLabel('dependsOn')).max(20).default([]),
  targetPath: repoPath('targetPath').optional(),
});
export type FluxKustomizationInput = z.output<typeof fluxKustomizationInput>;

export function renderFluxKustomization(v: FluxKustomizationInput) {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: {
      name: v.name,
      namespace: v.namespace,
      labels: { 'app.kubernetes.io/managed-by': 'canopy' },
    },
    spec: {
      interval: v.interval,
      path: `./${v.path}`,
      prune: v.prune,
      sourceRef: { kind: 'GitRepository', name: v.sourceName },
      ...(v.targetNamespace ? { targetNamespace: v.targetNamespace } : {}),
      ...(v.dependsOn.length
        ? { dependsOn: v.dependsOn.map(name => ({ name })) }
        : {}),
    },
  };
}
