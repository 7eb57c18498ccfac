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
  const res = await fetch(
    `${options.authUrl.replace(/\/+$/, '')}/auth/tokens`,
    {
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
    },
  );
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
