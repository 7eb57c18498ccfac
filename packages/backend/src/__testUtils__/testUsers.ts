/**
 * Test-only sign-in for several users. A Backstage proxy auth provider, like
 * the guest provider, that signs in whoever the `x-canopy-test-user` header
 * names, with the ownership refs the test gives for them: the real auth
 * backend issues real user tokens, so the permission framework, the
 * user-info service and the plugins see real users. Never part of the
 * portal: only the backend tests add this module.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

const HEADER = 'x-canopy-test-user';

/** The module, for these users: entity ref -> ownership refs. */
export function testUsersAuthModule(users: Record<string, string[]>) {
  return createBackendModule({
    pluginId: 'auth',
    moduleId: 'canopy-test-users',
    register(reg) {
      reg.registerInit({
        deps: { providers: authProvidersExtensionPoint },
        async init({ providers }) {
          providers.registerProvider({
            providerId: 'test-users',
            factory: createProxyAuthProviderFactory({
              authenticator: createProxyAuthenticator({
                defaultProfileTransform: async () => ({ profile: {} }),
                initialize: () => undefined,
                async authenticate({ req }) {
                  return { result: { user: req.header(HEADER) ?? '' } };
                },
              }),
              signInResolver: async ({ result }, ctx) => {
                const refs = users[result.user];
                if (!refs) {
                  throw new NotAllowedError(`no test user ${result.user}`);
                }
                return ctx.issueToken({
                  claims: { sub: result.user, ent: refs },
                });
              },
            }),
          });
        },
      });
    },
  });
}

/** A user token from the running backend, for one of the module's users. */
export async function signInAs(baseUrl: string, user: string) {
  const res = await fetch(`${baseUrl}/api/auth/test-users/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest', [HEADER]: user },
  });
  if (res.status !== 200) {
    throw new Error(
      `sign-in as ${user}: HTTP ${res.status} ${await res.text()}`,
    );
  }
  return (await res.json()).backstageIdentity.token as string;
}
