import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { readCloudProviderConfig } from '@canopy-idp/plugin-openstack-node';

/** How one cloud's provider runs (`catalog.providers.openstack.<cloud>`). */
export interface ProviderConfig {
  cloud: string;
  enabled: boolean;
  schedule: SchedulerServiceTaskScheduleDefinition;
  defaultOwner: string;
  concurrency: number;
  mutation: 'delta' | 'full';
}

/** The provider settings of each cloud; a cloud without any gets the defaults. */
export function readProviderConfig(
  config: Config,
  clouds: string[],
): ProviderConfig[] {
  const settings = readCloudProviderConfig(config, 'openstack', clouds, {
    seconds: 15,
  });
  return settings.map(({ cloud, path, config: c, schedule }) => {
    const concurrency = c?.getOptionalNumber('concurrency') ?? 4;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new Error(
        `${path}.concurrency must be a whole number of at least 1; got ${concurrency}`,
      );
    }
    const mutation = c?.getOptionalString('mutation') ?? 'delta';
    if (mutation !== 'delta' && mutation !== 'full') {
      throw new Error(
        `${path}.mutation must be 'delta' or 'full'; got '${mutation}'`,
      );
    }
    return {
      cloud,
      mutation,
      enabled: c?.getOptionalBoolean('enabled') ?? true,
      schedule,
      defaultOwner:
        c?.getOptionalString('defaultOwner') ??
        'group:default/openstack-admins',
      concurrency,
    };
  });
}
