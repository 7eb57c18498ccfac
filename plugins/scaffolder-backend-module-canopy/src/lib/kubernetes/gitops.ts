/** Argo CD Applications, app-of-apps, ApplicationSets (seed 004) and Flux Kustomizations (seed 001). */
import { z } from 'zod/v3';
import { dnsLabel } from '../inputs';

const repoURL = z
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
const destinationServer = z
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
const repoPath = z
  .string()
  .regex(
    /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9._/-]+$/,
    'must be a relative path in the repository without ..',
  );
const revision = z
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

function syncPolicy(p: z.output<typeof syncPolicyInput>) {
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
  path: repoPath,
  destinationServer,
  destinationNamespace: dnsLabel('destinationNamespace'),
  syncPolicy: syncPolicyInput,
  targetPath: repoPath.optional(),
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

export const appOfAppsInput = z
  .object({
    name: dnsLabel().default('root'),
    argocdNamespace: dnsLabel('argocdNamespace').default('argocd'),
    project: dnsLabel('project').default('default'),
    sourceRepoURL: repoURL,
    targetRevision: revision.default('main'),
    gitopsPath: repoPath
      .default('gitops')
      .describe('Folder of the GitOps tree in the repository'),
    environments: z
      .array(dnsLabel('environment'))
      .min(1, 'give at least one environment')
      .max(20)
      .default(['dev', 'test', 'acc']),
    namespacePrefix: z
      .string()
      .regex(
        /^([a-z0-9][-a-z0-9]*-)?$/,
        "namespacePrefix must be empty or a DNS-1123 label's beginning ending in '-' (e.g. team-a-)",
      )
      .default('')
      .describe(
        "Put before each environment's name to name its namespace, e.g. team-a- for team-a-dev (a team's own namespaces)",
      ),
    mode: z.enum(['applications', 'applicationset']).default('applications'),
    destinationServer,
    syncPolicy: syncPolicyInput,
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.environments.forEach((e, i) => {
      if (seen.has(e))
        ctx.addIssue({
          code: 'custom',
          path: ['environments', i],
          message: `environment '${e}' is listed twice`,
        });
      seen.add(e);
      // Argo CD labels what an application deploys with its name
      // (app.kubernetes.io/instance), a label value of at most 63 characters.
      if (environmentApp(v.name, e).length > 63)
        ctx.addIssue({
          code: 'custom',
          path: ['environments', i],
          message: `the Application of environment '${e}' would be named '${environmentApp(
            v.name,
            e,
          )}', more than 63 characters (Argo CD's instance label): shorten name or the environment`,
        });
      if (`${v.namespacePrefix}${e}`.length > 63)
        ctx.addIssue({
          code: 'custom',
          path: ['environments', i],
          message: `namespace '${v.namespacePrefix}${e}' (namespacePrefix + environment) is more than 63 characters (DNS-1123 label)`,
        });
    });
  });

/**
 * The name of an environment's Application: the root's name and the
 * environment, so the app-of-apps trees of several sites and teams can share
 * one Argo CD.
 */
function environmentApp(root: string, env: string) {
  return `${root}-${env}`;
}
export type AppOfAppsInput = z.output<typeof appOfAppsInput>;

/**
 * Files of an app-of-apps tree below `gitopsPath`: the root Application
 * (root.yaml) watching apps/, and per environment either an Application
 * (apps/env-<env>.yaml, named <name>-<env>) or one ApplicationSet with a list generator
 * (apps/environments.yaml); each environment deploys environments/<env>/.
 */
export function renderAppOfApps(v: AppOfAppsInput): Record<string, object[]> {
  const base = {
    argocdNamespace: v.argocdNamespace,
    project: v.project,
    sourceRepoURL: v.sourceRepoURL,
    targetRevision: v.targetRevision,
    destinationServer: v.destinationServer,
    syncPolicy: v.syncPolicy,
  };
  const files: Record<string, object[]> = {
    'root.yaml': [
      application(
        {
          ...base,
          name: v.name,
          path: `${v.gitopsPath}/apps`,
          destinationNamespace: v.argocdNamespace,
        },
        { 'canopy-idp.io/role': 'app-of-apps' },
      ),
    ],
  };
  if (v.mode === 'applications') {
    for (const env of v.environments) {
      files[`apps/env-${env}.yaml`] = [
        application(
          {
            ...base,
            name: environmentApp(v.name, env),
            path: `${v.gitopsPath}/environments/${env}`,
            destinationNamespace: `${v.namespacePrefix}${env}`,
          },
          { 'canopy-idp.io/environment': env },
        ),
      ];
    }
  } else {
    files['apps/environments.yaml'] = [
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'ApplicationSet',
        metadata: {
          name: `${v.name}-environments`,
          namespace: v.argocdNamespace,
          labels: { 'app.kubernetes.io/managed-by': 'canopy' },
        },
        spec: {
          goTemplate: true,
          goTemplateOptions: ['missingkey=error'],
          // Every value from the input travels as generator data: the
          // template only refers to it, so nothing a user typed is ever
          // evaluated as a Go template.
          generators: [
            {
              list: {
                elements: v.environments.map(env => ({
                  env,
                  name: environmentApp(v.name, env),
                  namespace: `${v.namespacePrefix}${env}`,
                  project: v.project,
                  repoURL: v.sourceRepoURL,
                  targetRevision: v.targetRevision,
                  path: `${v.gitopsPath}/environments/${env}`,
                  server: v.destinationServer,
                })),
              },
            },
          ],
          template: {
            metadata: {
              name: '{{.name}}',
              labels: { 'canopy-idp.io/environment': '{{.env}}' },
            },
            spec: {
              project: '{{.project}}',
              source: {
                repoURL: '{{.repoURL}}',
                targetRevision: '{{.targetRevision}}',
                path: '{{.path}}',
              },
              destination: {
                server: '{{.server}}',
                namespace: '{{.namespace}}',
              },
              syncPolicy: syncPolicy(v.syncPolicy),
            },
          },
        },
      },
    ];
  }
  return files;
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
  path: repoPath,
  interval: duration.default('10m'),
  prune: z.boolean().default(true),
  targetNamespace: dnsLabel('targetNamespace').optional(),
  dependsOn: z.array(dnsLabel('dependsOn')).max(20).default([]),
  targetPath: repoPath.optional(),
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
