/**
 * The inputs of `canopy:pipeline:terraform`, each refused with the field and
 * the rule it breaks.
 */
import { z } from 'zod/v3';
import {
  branchName,
  hasCharactersGoYamlRefuses,
  relativePath,
} from '@canopy-idp/plugin-scaffolder-node';
import { ROOT_FILE } from './rootTarget';

/** '' (an empty form field) counts as absent. */
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess(
    v => (v === '' || v === null ? undefined : v),
    schema.optional(),
  );

/** Free text that names a root's credentials: one line, no template expression. */
const label = (what: string) =>
  z
    .string()
    .min(1, `${what} must not be empty`)
    .max(64, `${what} must be at most 64 characters`)
    .refine(v => !hasCharactersGoYamlRefuses(v) && !/[\n\t]/.test(v), {
      message: `${what} must not contain control characters or line breaks`,
    })
    .refine(v => !v.includes('${{'), {
      message: `${what} must not contain '\${{' (it would read as an expression in a template or a workflow)`,
    });

export const schema = z.object({
  repoUrl: z
    .string()
    .min(1, 'repoUrl must not be empty')
    .describe(
      'Repository, as the RepoUrlPicker gives it: host?owner=...&repo=...',
    ),
  terraformRoot: relativePath('terraformRoot')
    .default('openstack')
    .describe('Folder whose subfolders are the Terraform roots'),
  rootPath: relativePath('rootPath').describe(
    `This request's Terraform root, a folder right below terraformRoot (the render step's targetPath, e.g. openstack/<name>); gets ${ROOT_FILE}, which names its credentials`,
  ),
  cloud: optional(label('cloud')).describe(
    'OpenStack cloud; with project and region, names the secrets of the root (OS_AUTH_URL_<CLOUD>_<PROJECT>_<REGION>_<HASH>, ...)',
  ),
  project: label('project').describe(
    'OpenStack project the root applies to; names its secrets',
  ),
  region: optional(label('region')).describe(
    "OpenStack region; names the root's secrets",
  ),
  terraformVersion: z
    .string()
    .regex(
      /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/,
      'terraformVersion must be a Terraform release written as its image tag is, such as 1.11.4 (three numbers without leading zeros)',
    )
    .refine(
      v => {
        const [major, minor] = v.split('.').map(Number);
        return major > 1 || (major === 1 && minor >= 10);
      },
      {
        message:
          'terraformVersion must be 1.10.0 or later (the S3 state backend locks with use_lockfile)',
      },
    )
    .default('1.11.4'),
  defaultBranch: optional(branchName('defaultBranch')).describe(
    "Branch to plan against and apply from; default: the repository's",
  ),
  token: optional(z.string()).describe(
    "The user's own SCM token (from the template's secrets)",
  ),
});
