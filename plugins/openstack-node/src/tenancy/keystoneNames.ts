/**
 * How Keystone's users and groups are named in the catalog. One rule, used
 * by the Keystone org provider (which creates the entities) and by owners
 * taken from Keystone role assignments (which refer to them), so both always
 * agree.
 */

/**
 * The catalog namespace of a Keystone domain: `default` for the Default
 * domain, else the domain's name, lower-cased, with every run of characters
 * other than a-z and 0-9 turned into one `-`.
 *
 * @public
 */
export function keystoneNamespace(domainName: string): string {
  const ns = domainName
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return ns || 'default';
}

/**
 * The entity name of a Keystone user or group: its name, lower-cased, with
 * every character other than a-z, 0-9, `-`, `_` and `.` turned into `_`
 * (`Alice@Example.com` → `alice_example.com`), separators trimmed from both
 * ends. Undefined when nothing valid is left or it is longer than 63
 * characters: such a user or group is not ingested (the provider logs it).
 *
 * @public
 */
export function keystoneEntityName(name: string): string | undefined {
  const out = name
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9\-_.]/g, '_')
    .replace(/^[-_.]+|[-_.]+$/g, '')
    .replace(/([-_.])[-_.]+/g, '$1');
  return out && out.length <= 63 ? out : undefined;
}

/**
 * The entity ref of a Keystone user or group, or undefined when its name
 * gives no entity name.
 *
 * @public
 */
export function keystoneEntityRef(
  kind: 'user' | 'group',
  name: string,
  domainName: string,
): string | undefined {
  const entityName = keystoneEntityName(name);
  return entityName
    ? `${kind}:${keystoneNamespace(domainName)}/${entityName}`
    : undefined;
}
