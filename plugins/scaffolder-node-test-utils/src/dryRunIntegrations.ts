import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';

/**
 * Configuration with a GitHub (github.com) and a GitLab
 * (gitlab.example.net) integration whose tokens are never used: for actions
 * run in dry-run, which call no Git host.
 *
 * @public
 */
export const DRY_RUN_CONFIG = new ConfigReader({
  integrations: {
    github: [{ host: 'github.com', token: 'unused' }],
    gitlab: [
      {
        host: 'gitlab.example.net',
        apiBaseUrl: 'https://gitlab.example.net/api/v4',
        token: 'unused',
      },
    ],
  },
});

/**
 * The integrations of {@link DRY_RUN_CONFIG}.
 *
 * @public
 */
export const dryRunIntegrations = () =>
  ScmIntegrations.fromConfig(DRY_RUN_CONFIG);
