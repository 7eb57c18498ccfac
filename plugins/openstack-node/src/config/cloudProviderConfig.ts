import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';

/**
 * One cloud's settings of a catalog provider that runs once per cloud
 * (`catalog.providers.<provider>.<cloud>`).
 *
 * @public
 */
export interface CloudProviderConfig {
  /** The cloud's name in `openstack.clouds`. */
  cloud: string;
  /** Where its settings are, for error messages. */
  path: string;
  /** Its settings; undefined when the cloud has none. */
  config?: Config;
  /**
   * Its `schedule`; by default every 30 minutes, for 10 minutes at most, the
   * first run after the provider's initial delay.
   */
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/**
 * The settings of a per-cloud catalog provider, `catalog.providers.<provider>`:
 * one entry per cloud of `openstack.clouds`, in their order. A key there that
 * names no such cloud is an error. `initialDelay` is that of the default
 * schedule.
 *
 * @public
 */
export function readCloudProviderConfig(
  config: Config,
  provider: string,
  clouds: string[],
  initialDelay: SchedulerServiceTaskScheduleDefinition['initialDelay'],
): CloudProviderConfig[] {
  const root = `catalog.providers.${provider}`;
  const section = config.getOptionalConfig(root);
  for (const key of section?.keys() ?? []) {
    if (!clouds.includes(key)) {
      throw new Error(
        `${root}.${key}: no cloud named '${key}' in openstack.clouds (configured: ${
          clouds.join(', ') || 'none'
        })`,
      );
    }
  }
  return clouds.map(cloud => {
    const c = section?.getOptionalConfig(cloud);
    return {
      cloud,
      path: `${root}.${cloud}`,
      config: c,
      schedule: c?.has('schedule')
        ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
            c.getConfig('schedule'),
          )
        : {
            frequency: { minutes: 30 },
            timeout: { minutes: 10 },
            initialDelay,
          },
    };
  });
}
