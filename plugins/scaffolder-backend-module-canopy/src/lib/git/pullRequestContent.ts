/**
 * What `canopy:publish:pull-request` puts into a pull request: the workspace
 * files, the branch name, the reviewers and the body, and the refusal of a
 * secret in any of them.
 */
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/** Reviewers from the owner entity: a group becomes a GitHub team, a user a login. */
export function reviewersFromOwner(owner: string | undefined): string[] {
  if (!owner) return [];
  const ref = parseEntityRef(owner, { defaultKind: 'group' });
  return ref.kind.toLocaleLowerCase('en-US') === 'group'
    ? [`team:${ref.name}`]
    : [ref.name];
}

/** A branch-safe slug of a title. */
export function slug(text: string) {
  return (
    text
      .toLocaleLowerCase('en-US')
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'change'
  );
}

/** A short, branch-safe part of the task id (its first 8 letters and digits). */
export function taskSuffix(taskId: string) {
  return (
    taskId
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 8)
      .toLowerCase() || 'task'
  );
}

/** The body: the description, a table of the resources, the validation report, and where it came from. */
export function pullRequestBody(
  input: {
    description?: string;
    resources?: Array<{
      type?: string;
      kind?: string;
      name: string;
      count?: string;
    }>;
    validationReport?: string;
  },
  templateRef?: string,
): string {
  const lines = [input.description ?? '', ''];
  if (input.resources?.length) {
    lines.push('### Resources', '', '| Kind | Name | Count |', '|---|---|---|');
    for (const r of input.resources) {
      lines.push(
        `| ${(r.type ?? r.kind ?? '').replace(/\|/g, '\\|')} | ${r.name.replace(
          /\|/g,
          '\\|',
        )} | ${r.count ?? 1} |`,
      );
    }
    lines.push('');
  }
  if (input.validationReport) lines.push(input.validationReport, '');
  lines.push(`_Opened by Canopy${templateRef ? ` from ${templateRef}` : ''}._`);
  return lines.join('\n').trim();
}

/** Refuses a body or a file holding one of these secret values (6 characters or more). */
export function refuseSecrets(
  values: unknown[],
  body: string,
  files: Record<string, Buffer>,
) {
  const secrets = values.filter(
    (s): s is string => typeof s === 'string' && s.length >= 6,
  );
  for (const secret of secrets) {
    if (body.includes(secret))
      throw new InputError(
        'description: the pull request body would contain a secret value',
      );
    for (const [name, content] of Object.entries(files)) {
      if (content.includes(secret))
        throw new InputError(
          `sourcePath: ${name} contains a secret value; refusing to commit it`,
        );
    }
  }
}
