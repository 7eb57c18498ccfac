import type { Config } from '@backstage/config';

/** Names of the clouds under `openstack.clouds`, in configuration order. */
export function readCloudNames(config: Config): string[] {
  return (config.getOptionalConfigArray('openstack.clouds') ?? []).map(c =>
    c.getString('name'),
  );
}
