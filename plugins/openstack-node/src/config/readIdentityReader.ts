import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readCredential } from './readCredential';
import type { IdentityReaderConfig } from './types';

/**
 * Reads a cloud's `identity`: the credential Canopy reads Keystone users,
 * groups and role assignments with. Keystone scopes application credentials
 * to a project, and a project scope cannot read the identity API, so this is
 * a password credential (given here or by a clouds.yaml entry) with exactly
 * one scope: `domain` (name), `domainId`, or `system: all`.
 */
export function readIdentityReader(
  c: Config,
  where: string,
): IdentityReaderConfig | undefined {
  const section = c.getOptionalConfig('identity');
  if (!section) return undefined;
  const at = `${where}.identity`;
  const auth = readCredential(section, at, { cloudsYaml: true });
  if (!auth) {
    throw new InputError(
      `${at}: give the reader's password credential (password or cloudsYaml)`,
    );
  }
  if (auth.type !== 'password') {
    throw new InputError(
      `${at}: an application credential is scoped to a project, and the identity API needs a domain or system scope; give a password credential`,
    );
  }
  const domainName = section.getOptionalString('domain');
  const domainId = section.getOptionalString('domainId');
  const system = section.getOptionalString('system');
  const scopes = [domainName, domainId, system].filter(Boolean).length;
  if (scopes !== 1) {
    throw new InputError(
      `${at}: give exactly one scope: domain (a domain name), domainId, or system: all`,
    );
  }
  if (system !== undefined && system !== 'all') {
    throw new InputError(`${at}.system: the only system scope is 'all'`);
  }
  return {
    // The scope is the domain's or the system's, never a project's.
    auth: {
      ...auth,
      projectId: undefined,
      projectName: undefined,
      projectDomainId: undefined,
      projectDomainName: undefined,
    },
    scope: system ? { system: 'all' } : { domainId, domainName },
  };
}
