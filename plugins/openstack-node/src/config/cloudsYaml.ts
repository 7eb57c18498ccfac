import { InputError } from '@backstage/errors';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { CloudAuth, CloudConfig } from './types';

/** The parts of a clouds.yaml file Canopy reads. */
interface CloudsYaml {
  clouds?: Record<
    string,
    {
      auth_type?: string;
      auth?: Record<string, string | undefined>;
      regions?: Array<string | { name: string }>;
      region_name?: string;
      interface?: CloudConfig['interface'];
      cacert?: unknown;
    }
  >;
}

/** Reads one entry of a clouds.yaml `clouds:` map into Canopy's shape. */
export function fromCloudsYaml(
  name: string,
  file: string,
  cloudName: string,
): Omit<CloudConfig, 'name' | 'projects'> & { auth: CloudAuth } {
  let doc: CloudsYaml | undefined;
  try {
    doc = parseYaml(readFileSync(file, 'utf8')) as CloudsYaml;
  } catch (error) {
    throw new InputError(
      `openstack cloud '${name}': cannot read clouds.yaml at ${file}: ${
        (error as Error).message
      }`,
    );
  }
  const entry = doc?.clouds?.[cloudName];
  if (!entry) {
    throw new InputError(
      `openstack cloud '${name}': no cloud '${cloudName}' in ${file}`,
    );
  }
  const auth = entry.auth ?? {};
  if (!auth.auth_url) {
    throw new InputError(
      `openstack cloud '${name}': clouds.yaml entry '${cloudName}' has no auth.auth_url`,
    );
  }
  let regions: string[] | undefined;
  if (entry.regions) {
    regions = entry.regions.map(r => (typeof r === 'string' ? r : r.name));
  } else if (entry.region_name) {
    regions = [entry.region_name];
  }
  const required = (value: string | undefined, what: string) => {
    if (!value) {
      throw new InputError(
        `openstack cloud '${name}': clouds.yaml entry '${cloudName}' has no ${what}`,
      );
    }
    return value;
  };
  let cloudAuth: CloudAuth;
  if (
    entry.auth_type === 'v3applicationcredential' ||
    auth.application_credential_secret
  ) {
    cloudAuth = {
      type: 'applicationCredential',
      id: auth.application_credential_id,
      name: auth.application_credential_name,
      user:
        auth.username || auth.user_id
          ? {
              name: auth.username,
              id: auth.user_id,
              domainName: auth.user_domain_name,
              domainId: auth.user_domain_id,
            }
          : undefined,
      secret: required(
        auth.application_credential_secret,
        'auth.application_credential_secret',
      ),
    };
  } else {
    cloudAuth = {
      type: 'password',
      username: auth.username,
      userId: auth.user_id,
      password: required(auth.password, 'auth.password'),
      userDomainName: auth.user_domain_name,
      userDomainId: auth.user_domain_id,
      projectName: auth.project_name,
      projectId: auth.project_id,
      projectDomainName: auth.project_domain_name,
      projectDomainId: auth.project_domain_id,
    };
  }
  return {
    authUrl: auth.auth_url,
    regions,
    interface: entry.interface ?? 'public',
    auth: cloudAuth,
    caFile: typeof entry.cacert === 'string' ? entry.cacert : undefined,
  };
}
