import { z } from 'zod/v3';
import { dnsLabel } from '@canopy-idp/plugin-scaffolder-node';
import {
  application,
  destinationServer,
  repoPath,
  repoURL,
  revision,
  syncPolicy,
  syncPolicyInput,
} from './gitops';

/** The app-of-apps: a root Application and one Application per environment, or one ApplicationSet. */
export const appOfAppsInput = z
  .object({
    name: dnsLabel().default('root'),
    argocdNamespace: dnsLabel('argocdNamespace').default('argocd'),
    project: dnsLabel('project').default('default'),
    sourceRepoURL: repoURL,
    targetRevision: revision.default('main'),
    gitopsPath: repoPath('gitopsPath')
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
