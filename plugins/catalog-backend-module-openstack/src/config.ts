import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';

/** How one cloud's provider runs (`catalog.providers.openstack.<cloud>`). */
export interface ProviderConfig {
  cloud: string;
  enabled: boolean;
  schedule: SchedulerServiceTaskScheduleDefinition;
  defaultOwner: string;
  concurrency: number;
  mutation: 'delta' | 'full';
}

export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 15 },
};

/** The provider settings of each cloud; a cloud without any gets the defaults. */
export function readProviderConfig(
  config: Config,
  clouds: string[],
): ProviderConfig[] {
  const root = config.getOptionalConfig('catalog.providers.openstack');
  for (const key of root?.keys() ?? []) {
    if (!clouds.includes(key)) {
      throw new Error(
        `catalog.providers.openstack.${key}: no cloud named '${key}' in openstack.clouds (configured: ${
          clouds.join(', ') || 'none'
        })`,
      );
    }
  }
  return clouds.map(cloud => {
    const c = root?.getOptionalConfig(cloud);
    const concurrency = c?.getOptionalNumber('concurrency') ?? 4;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new Error(
        `catalog.providers.openstack.${cloud}.concurrency must be a whole number of at least 1; got ${concurrency}`,
      );
    }
    const mutation = c?.getOptionalString('mutation') ?? 'delta';
    if (mutation !== 'delta' && mutation !== 'full') {
      throw new Error(
        `catalog.providers.openstack.${cloud}.mutation must be 'delta' or 'full'; got '${mutation}'`,
      );
    }
    return {
      cloud,
      mutation,
      enabled: c?.getOptionalBoolean('enabled') ?? true,
      schedule: c?.has('schedule')
        ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
            c.getConfig('schedule'),
          )
        : DEFAULT_SCHEDULE,
      defaultOwner:
        c?.getOptionalString('defaultOwner') ??
        'group:default/openstack-admins',
      concurrency,
    };
  });
}
