import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { readCloudProviderConfig } from '@canopy-idp/plugin-openstack-node';

/** How one cloud's org provider runs (`catalog.providers.keystoneOrg.<cloud>`). */
export interface KeystoneOrgConfig {
  cloud: string;
  domains: string[];
  groupType: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/** The configured clouds; an error naming the key for a cloud that is not in openstack.clouds. */
export function readKeystoneOrgConfig(
  config: Config,
  clouds: string[],
): KeystoneOrgConfig[] {
  return readCloudProviderConfig(config, 'keystoneOrg', clouds, { seconds: 10 })
    .filter(p => p.config)
    .map(({ cloud, path, config: c, schedule }) => {
      const domains = c?.getOptionalStringArray('domains') ?? ['Default'];
      if (!domains.length) {
        throw new Error(
          `${path}.domains: list at least one Keystone domain name`,
        );
      }
      return {
        cloud,
        domains,
        groupType: c?.getOptionalString('groupType') ?? 'team',
        schedule,
      };
    });
}
