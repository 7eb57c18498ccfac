import { loadConfigSchema } from '@backstage/config-loader';
import path from 'node:path';

/**
 * The `openstack` schema (config.d.ts) as Backstage reads it: every credential
 * secret is marked `secret`, wherever the credential is given (the cloud's,
 * a project's, the identity reader's), so it never reaches the frontend.
 */
describe('config.d.ts', () => {
  it('marks every credential secret as secret', async () => {
    const schema = await loadConfigSchema({
      dependencies: [],
      packagePaths: [path.resolve(__dirname, '../../package.json')],
    });
    const secret = (kind: string) => ({ [kind]: `s3cr3t-${kind}` });
    const visibility: Record<string, string> = {};
    schema.process(
      [
        {
          context: 'test',
          data: {
            openstack: {
              clouds: [
                {
                  name: 'lab',
                  authUrl: 'https://keystone.example.net/v3',
                  applicationCredential: { id: 'a', ...secret('secret') },
                  password: { username: 'u', ...secret('password') },
                  identity: {
                    password: { username: 'r', ...secret('password') },
                    system: 'all',
                  },
                  projects: [
                    {
                      name: 'demo',
                      owners: ['group:default/team-a'],
                      applicationCredential: { id: 'b', ...secret('secret') },
                      password: { username: 'p', ...secret('password') },
                    },
                  ],
                },
              ],
            },
          },
        },
      ],
      {
        // Only `openstack` is given: what other packages require is missing.
        ignoreSchemaErrors: true,
        valueTransform: (value, context) => {
          visibility[context.path] = context.visibility;
          return value;
        },
      },
    );
    const secrets = Object.entries(visibility)
      .filter(([key]) => /\.(secret|password\.password)$/.test(key))
      .map(([key, v]) => `${key}: ${v}`);
    expect(secrets).toEqual([
      'openstack.clouds[0].applicationCredential.secret: secret',
      'openstack.clouds[0].password.password: secret',
      'openstack.clouds[0].identity.password.password: secret',
      'openstack.clouds[0].projects[0].applicationCredential.secret: secret',
      'openstack.clouds[0].projects[0].password.password: secret',
    ]);
    expect(visibility['openstack.clouds[0].name']).toBe('frontend');
  });
});
