import { FakeGithub } from './fakeGithub';
import { FakeGitlab } from './fakeGitlab';

/**
 * Starts a loopback GitHub (repository `acme/infrastructure`) or GitLab
 * (project `platform/infrastructure`) that accepts `token`, for tests that
 * run alike on both.
 *
 * @public
 */
export async function startFakeGitHost(
  provider: 'github' | 'gitlab',
  token: string,
): Promise<FakeGithub | FakeGitlab> {
  const host =
    provider === 'github'
      ? new FakeGithub('acme', 'infrastructure', token)
      : new FakeGitlab('platform/infrastructure', token);
  await host.start();
  return host;
}
