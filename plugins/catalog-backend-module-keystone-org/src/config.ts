import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';

/** How one cloud's org provider runs (`catalog.providers.keystoneOrg.<cloud>`). */
export interface KeystoneOrgConfig {
  cloud: string;
  domains: string[];
  groupType: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 10 },
};

/** The configured clouds; an error naming the key for a cloud that is not in openstack.clouds. */
export function readKeystoneOrgConfig(
  config: Config,
  clouds: string[],
): KeystoneOrgConfig[] {
  const root = config.getOptionalConfig('catalog.providers.keystoneOrg');
  return (root?.keys() ?? []).map(cloud => {
    if (!clouds.includes(cloud)) {
      throw new Error(
        `catalog.providers.keystoneOrg.${cloud}: no cloud named '${cloud}' in openstack.clouds (configured: ${
          clouds.join(', ') || 'none'
        })`,
      );
    }
    const c = root!.getConfig(cloud);
    const domains = c.getOptionalStringArray('domains') ?? ['Default'];
    if (!domains.length) {
      throw new Error(
        `catalog.providers.keystoneOrg.${cloud}.domains: list at least one Keystone domain name`,
      );
    }
    return {
      cloud,
      domains,
      groupType: c.getOptionalString('groupType') ?? 'team',
      schedule: c.has('schedule')
        ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
            c.getConfig('schedule'),
          )
        : DEFAULT_SCHEDULE,
    };
  });
}
