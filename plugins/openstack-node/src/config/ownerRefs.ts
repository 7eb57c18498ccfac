import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * A configured list of owners, checked: catalog refs of groups and users
 * as the catalog writes them (`group:default/team-a`, lower-cased; a bare
 * name is a group in the default namespace), or `['*']`, everyone (`open`).
 * `where` names the setting in errors, e.g. `delivery.tenancy.namespaces[0].owners`.
 *
 * @public
 */
export function readOwnerRefs(
  raw: string[],
  where: string,
): { owners: string[]; open: boolean } {
  const open = raw.includes('*');
  if (open && raw.length > 1) {
    throw new InputError(
      `${where}: '*' (everyone) cannot be combined with named owners`,
    );
  }
  if (open) return { owners: ['*'], open };
  return { owners: raw.map(o => ownerRef(o.trim(), where)), open };
}

/** An owner as the catalog writes it: `group:default/team-a`, lower-cased. */
function ownerRef(raw: string, where: string): string {
  let ref;
  try {
    ref = parseEntityRef(raw, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `${where}: '${raw}' is not an entity ref: ${(error as Error).message}`,
    );
  }
  const kind = ref.kind.toLocaleLowerCase('en-US');
  if (kind !== 'group' && kind !== 'user') {
    throw new InputError(
      `${where}: '${raw}' is a ${ref.kind}; owners are groups or users`,
    );
  }
  return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
}
