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
  type SignInResolver,
} from '@backstage/plugin-auth-node';

const HEADER = 'x-canopy-test-user';

/**
 * A proxy auth provider `test-users` that signs in whoever the
 * `x-canopy-test-user` header names, through `signInResolver`.
 */
function testSignInModule(
  moduleId: string,
  signInResolver: SignInResolver<{ user: string }>,
) {
  return createBackendModule({
    pluginId: 'auth',
    moduleId,
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
              signInResolver,
            }),
          });
        },
      });
    },
  });
}

/** The module, for these users: entity ref -> ownership refs. */
export function testUsersAuthModule(users: Record<string, string[]>) {
  return testSignInModule('canopy-test-users', async ({ result }, ctx) => {
    const refs = users[result.user];
    if (!refs) {
      throw new NotAllowedError(`no test user ${result.user}`);
    }
    return ctx.issueToken({ claims: { sub: result.user, ent: refs } });
  });
}

/**
 * The `auth` configuration the test sign-in modules need: the `test-users`
 * provider (which both modules register), and guest sign-in for the calls
 * made as the guest.
 */
export const TEST_USERS_AUTH_CONFIG = {
  environment: 'development',
  providers: {
    guest: { dangerouslyAllowOutsideDevelopment: true },
    'test-users': {},
  },
};

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

/**
 * Test-only sign-in as a real identity provider with a catalog sign-in
 * resolver would do it: whoever the `x-canopy-test-user` header names (a
 * user name, or an e-mail address) is matched to the User entity the
 * Keystone org provider wrote (by `metadata.name`, or by
 * `spec.profile.email`), and their ownership refs come from that entity's
 * memberOf groups. Nobody the catalog does not know may sign in.
 */
export function catalogSignInAuthModule() {
  return testSignInModule(
    'canopy-test-catalog-sign-in',
    async ({ result }, ctx) =>
      result.user.includes('@')
        ? ctx.signInWithCatalogUser({
            filter: { 'spec.profile.email': result.user },
          })
        : ctx.signInWithCatalogUser({ entityRef: { name: result.user } }),
  );
}
