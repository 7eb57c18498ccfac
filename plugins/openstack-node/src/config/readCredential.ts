import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { fromCloudsYaml } from './cloudsYaml';
import type { CloudAuth } from './types';

/**
 * Reads the credential a cloud or project entry gives, if any: an
 * `applicationCredential`, a `password`, or (for a project) the credential
 * of a `cloudsYaml` entry. `where` names the entry in messages.
 */
export function readCredential(
  c: Config,
  where: string,
  options: { cloudsYaml: boolean },
): CloudAuth | undefined {
  const appCred = c.getOptionalConfig('applicationCredential');
  const password = c.getOptionalConfig('password');
  const yamlRef = options.cloudsYaml
    ? c.getOptionalConfig('cloudsYaml')
    : undefined;
  if ([appCred, password, yamlRef].filter(Boolean).length > 1) {
    throw new InputError(
      `${where}: set one of applicationCredential, password${
        options.cloudsYaml ? ', cloudsYaml' : ''
      }, not several`,
    );
  }
  let auth: CloudAuth | undefined;
  if (yamlRef) {
    auth = fromCloudsYaml(
      where,
      yamlRef.getString('file'),
      yamlRef.getString('cloud'),
    ).auth;
  } else if (appCred) {
    const user = appCred.getOptionalConfig('user');
    auth = {
      type: 'applicationCredential',
      id: appCred.getOptionalString('id'),
      name: appCred.getOptionalString('name'),
      user: user
        ? {
            id: user.getOptionalString('id'),
            name: user.getOptionalString('name'),
            domainName: user.getOptionalString('domainName'),
            domainId: user.getOptionalString('domainId'),
          }
        : undefined,
      secret: appCred.getString('secret'),
    };
  } else if (password) {
    auth = {
      type: 'password',
      username: password.getOptionalString('username'),
      userId: password.getOptionalString('userId'),
      password: password.getString('password'),
      userDomainName: password.getOptionalString('userDomainName'),
      userDomainId: password.getOptionalString('userDomainId'),
      projectName: password.getOptionalString('projectName'),
      projectId: password.getOptionalString('projectId'),
      projectDomainName: password.getOptionalString('projectDomainName'),
      projectDomainId: password.getOptionalString('projectDomainId'),
    };
  }
  if (auth) checkCredential(auth, where);
  return auth;
}

/** A credential names its user (and an application credential itself). */
export function checkCredential(auth: CloudAuth, where: string) {
  if (auth.type === 'applicationCredential') {
    if (!auth.id && !(auth.name && (auth.user?.id || auth.user?.name))) {
      throw new InputError(
        `${where}.applicationCredential: give id, or name together with user (id or name)`,
      );
    }
  } else if (!auth.username && !auth.userId) {
    throw new InputError(`${where}.password: give username or userId`);
  }
}
