import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  addCrds,
  bundledCrds,
  fetchClusterCrds,
  loadCrdDirectory,
  validateWorkspace,
} from '@canopy-idp/plugin-scaffolder-node';
import { definitionsInput, renderDefinitions } from '../../lib/kubernetes/kro';
import { examples } from './createValidateAction.examples';

/** Canopy's abstractions as rendered with default settings; the workspace's own definitions override them. */
const CANOPY_ABSTRACTIONS = Object.values(
  renderDefinitions(definitionsInput.parse({})),
);
const CANOPY_ABSTRACTIONS_SOURCE =
  "Canopy's KRO abstraction (canopy:kro:definitions with default settings)";

/**
 * `canopy:validate`: checks what the other actions rendered before it becomes
 * a pull request. Terraform: HCL parses, every openstack_* resource type and
 * argument is one the provider accepts (scaffolder-node's bundled argument list),
 * files are formatted as terraform fmt would (where terraform is installed).
 * Manifests: core kinds and Flux against their typed models, custom
 * resources against scaffolder-node's bundled upstream CRDs, which are replaced
 * per kind by Canopy's KRO abstractions, then by CRDs from
 * `canopy.scaffolder.crdDirectory` (or the input), then by the CRDs installed
 * on the target cluster (read through the kubernetes backend), then by CRDs
 * in the workspace. With no configuration every kind Canopy emits validates.
 * Outputs a markdown and a structured report naming the source of each
 * schema used, and fails the step on error.
 *
 * @public
 */
export function createValidateAction(options: {
  config: Config;
  /** For reading CRDs from clusters through the kubernetes backend. */
  discovery?: DiscoveryService;
  auth?: AuthService;
}) {
  const configured = options.config.getOptionalString(
    'canopy.scaffolder.crdDirectory',
  );
  // CRD folders are read once per process: they hold the cluster's API, not task data.
  const loaded = new Map<string, ReturnType<typeof loadCrdDirectory>>();
  const crdsOf = (dir: string) => {
    let crds = loaded.get(dir);
    if (!crds) {
      crds = loadCrdDirectory(dir);
      crds.catch(() => loaded.delete(dir));
      loaded.set(dir, crds);
    }
    return crds;
  };
  return createTemplateAction({
    id: 'canopy:validate',
    description:
      'Validates the rendered Terraform and Kubernetes manifests in the workspace and reports the findings; fails on error.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        path: z =>
          z.string().default('.').describe('Folder of the workspace to check'),
        crdDirectory: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder of CustomResourceDefinition files that replace the bundled CRDs per kind; default canopy.scaffolder.crdDirectory',
            ),
        cluster: z =>
          z
            .string()
            .optional()
            .describe(
              'Cluster (as configured for the kubernetes backend) whose installed CRDs custom resources are checked against',
            ),
        failOnError: z =>
          z
            .boolean()
            .default(true)
            .describe('Fail the step when an error is found'),
      },
      output: {
        ok: z => z.boolean(),
        errors: z => z.number(),
        warnings: z => z.number(),
        report: z =>
          z
            .string()
            .describe('Markdown report, e.g. for the pull request body'),
        findings: z =>
          z.array(
            z.object({
              level: z.string(),
              file: z.string(),
              rule: z.string(),
              message: z.string(),
            }),
          ),
        schemas: z =>
          z
            .array(z.object({ subject: z.string(), source: z.string() }))
            .describe('Each kind checked, and the source of its schema'),
      },
    },
    async handler(ctx) {
      const root = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.path ?? '.',
      );
      const crdDir = ctx.input.crdDirectory ?? configured;
      const crds = new Map(await bundledCrds());
      addCrds(crds, CANOPY_ABSTRACTIONS, CANOPY_ABSTRACTIONS_SOURCE);
      for (const [key, entry] of crdDir ? await crdsOf(crdDir) : []) {
        crds.set(key, entry);
      }
      if (ctx.input.cluster) {
        if (!options.discovery || !options.auth) {
          throw new Error(
            'canopy:validate was set up without discovery and auth, so it cannot read cluster CRDs',
          );
        }
        const docs = await fetchClusterCrds({
          discovery: options.discovery,
          auth: options.auth,
          credentials: await ctx.getInitiatorCredentials(),
          cluster: ctx.input.cluster,
        });
        addCrds(
          crds,
          docs,
          `the CRDs installed on cluster ${ctx.input.cluster}`,
        );
        ctx.logger.info(
          `Read ${docs.length} CRD(s) from cluster ${ctx.input.cluster}`,
        );
      }
      const report = await validateWorkspace(root, crds);
      ctx.output('ok', report.ok);
      ctx.output('errors', report.errors);
      ctx.output('warnings', report.warnings);
      ctx.output('report', report.markdown);
      ctx.output('findings', report.findings);
      ctx.output('schemas', report.schemas);
      ctx.logger.info(report.markdown);
      if (!report.ok && ctx.input.failOnError !== false) {
        throw new Error(
          `Validation failed with ${report.errors} error(s): ${report.findings
            .filter(f => f.level === 'error')
            .slice(0, 5)
            .map(f => `${f.file}: ${f.message}`)
            .join('; ')}`,
        );
      }
    },
  });
}
