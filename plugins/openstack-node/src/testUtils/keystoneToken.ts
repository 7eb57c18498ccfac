/**
 * One entry of a Keystone token's service catalog.
 *
 * @public
 */
export interface KeystoneCatalogEntry {
  type: string;
  endpoints: Array<{ interface: string; url: string }>;
}

/**
 * A project-scoped token for a user and password, straight from Keystone
 * (`POST /v3/auth/tokens`), with its service catalog and the ids of the user
 * and the project: for tests and benchmarks that talk to a real Keystone
 * next to the plugin's own session. Refused credentials are an error naming
 * the user and the HTTP status.
 *
 * @public
 */
export async function keystonePasswordToken(options: {
  authUrl: string;
  username: string;
  password: string;
  userDomain?: string;
  project: string;
  projectDomain?: string;
}): Promise<{
  token: string;
  catalog: KeystoneCatalogEntry[];
  userId: string;
  projectId: string;
}> {
  const res = await requestPasswordToken(options);
  if (res.status !== 201) {
    throw new Error(
      `Keystone at ${options.authUrl} refused ${options.username}: HTTP ${res.status}`,
    );
  }
  const body = (await res.json()).token;
  return {
    token: res.headers.get('x-subject-token')!,
    catalog: body.catalog,
    userId: body.user.id,
    projectId: body.project.id,
  };
}

/**
 * Keystone's answer to the password token request of
 * {@link keystonePasswordToken}, as it came: also for the fixture recorder
 * (testbed/openstack/record-fixtures.mts), which keeps the whole body.
 */
export function requestPasswordToken(
  options: Parameters<typeof keystonePasswordToken>[0],
): Promise<Response> {
  return fetch(`${options.authUrl.replace(/\/+$/, '')}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: {
            user: {
              name: options.username,
              password: options.password,
              domain: { name: options.userDomain ?? 'Default' },
            },
          },
        },
        scope: {
          project: {
            name: options.project,
            domain: { name: options.projectDomain ?? 'Default' },
          },
        },
      },
    }),
  });
}

/**
 * The options of {@link keystonePasswordToken} for a clouds.yaml entry's
 * `auth` block of password authentication (as the test bed writes it).
 */
export function passwordTokenOptions(
  auth: Record<string, string>,
): Parameters<typeof keystonePasswordToken>[0] {
  return {
    authUrl: auth.auth_url,
    username: auth.username,
    password: auth.password,
    userDomain: auth.user_domain_name,
    project: auth.project_name,
    projectDomain: auth.project_domain_name,
  };
}
