import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { MappedProject } from '../config/types';
import type { SessionScope } from '../keystone/SessionPool';

/**
 * Where the Keystone credential for a read comes from. Today every read of a
 * project uses the credential configured for it (`ConfiguredCredentials`).
 * Per-user Keystone tokens (Keystone federation with the portal's identity
 * provider) would be another source: a scope keyed by the requester, with
 * the user's token as its credential, and no other part would change.
 *
 * @public
 */
export interface CredentialSource {
  scopeFor(
    project: MappedProject,
    requester?: BackstageCredentials,
  ): SessionScope;
}

/** The credential of the project's configuration, shared by every reader of the project. */
export class ConfiguredCredentials implements CredentialSource {
  scopeFor(project: MappedProject): SessionScope {
    return {
      key: project.key,
      auth: project.auth,
      // An application credential carries its own scope; a password is
      // scoped to the mapped project.
      project:
        project.auth.type === 'applicationCredential'
          ? undefined
          : {
              id: project.id,
              name: project.id ? undefined : project.name,
              domainName: project.domainName,
              domainId: project.domainId,
            },
    };
  }
}
