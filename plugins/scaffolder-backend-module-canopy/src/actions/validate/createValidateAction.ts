import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { fetchClusterCrds } from '../../lib/validate/clusterCrds';
import { addCrds, loadCrdDirectory } from '../../lib/validate/manifests';
import { validateWorkspace } from '../../lib/validate/workspace';
import { definitionsInput, renderDefinitions } from '../../lib/kubernetes/kro';
import { examples } from './createValidateAction.examples';

/** Canopy's abstractions as rendered with default settings; the workspace's own definitions override them. */
const CANOPY_ABSTRACTIONS = Object.values(
  renderDefinitions(definitionsInput.parse({})),
);

/**
 * `canopy:validate`: checks what the other actions rendered before it becomes
 * a pull request. Terraform: HCL parses, every openstack_* resource type and
 * argument is one the provider accepts, files are formatted as terraform fmt
 * would (where terraform is installed). Manifests: core kinds against the
 * Kubernetes schemas, custom resources against the CRDs installed on the
 * target cluster (read through the kubernetes backend), CRDs from
 * `canopy.scaffolder.crdDirectory` (or the input) and CRDs in the workspace.
 * Canopy's own KRO abstractions (Workspace, WebApplication, Infrastructure,
 * Topic) are always known, so a pull request with only instances validates.
 * Outputs a markdown and a structured report, and fails the step on error.
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
              'Folder of CustomResourceDefinition files; default canopy.scaffolder.crdDirectory',
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
      },
    },
    async handler(ctx) {
      const root = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.path ?? '.',
      );
      const crdDir = ctx.input.crdDirectory ?? configured;
      const crds = new Map(crdDir ? await crdsOf(crdDir) : []);
      addCrds(crds, CANOPY_ABSTRACTIONS);
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
        addCrds(crds, docs);
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
