import type { CloudAuth } from '../config/types';
import type { ProjectScope } from './token';

/**
 * The body of Keystone's `POST /auth/tokens` for a credential: an
 * application credential (its own fixed scope), or a password scoped to the
 * requested project or, by default, the credential's own project.
 */
export function authRequestBody(auth: CloudAuth, scope?: ProjectScope) {
  if (auth.type === 'applicationCredential') {
    const credential: Record<string, unknown> = { secret: auth.secret };
    if (auth.id) {
      credential.id = auth.id;
    } else {
      credential.name = auth.name;
      credential.user = auth.user?.id
        ? { id: auth.user.id }
        : {
            name: auth.user?.name,
            domain: auth.user?.domainId
              ? { id: auth.user.domainId }
              : { name: auth.user?.domainName ?? 'Default' },
          };
    }
    return {
      auth: {
        identity: {
          methods: ['application_credential'],
          application_credential: credential,
        },
      },
    };
  }
  const user: Record<string, unknown> = { password: auth.password };
  if (auth.userId) {
    user.id = auth.userId;
  } else {
    user.name = auth.username;
    user.domain = auth.userDomainId
      ? { id: auth.userDomainId }
      : { name: auth.userDomainName ?? 'Default' };
  }
  const wanted = scope ?? { id: auth.projectId, name: auth.projectName };
  // A project named without a domain is in the credential's project domain.
  let domain: Record<string, string> = { name: 'Default' };
  if (wanted.domainId) domain = { id: wanted.domainId };
  else if (wanted.domainName) domain = { name: wanted.domainName };
  else if (auth.projectDomainId) domain = { id: auth.projectDomainId };
  else if (auth.projectDomainName) domain = { name: auth.projectDomainName };
  let project: Record<string, unknown> | undefined;
  if (wanted.id) project = { id: wanted.id };
  else if (wanted.name) project = { name: wanted.name, domain };
  return {
    auth: {
      identity: { methods: ['password'], password: { user } },
      ...(project ? { scope: { project } } : {}),
    },
  };
}
