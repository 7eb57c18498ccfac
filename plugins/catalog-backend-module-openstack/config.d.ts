import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * The OpenStack entity provider, per cloud of `openstack.clouds` (by its
       * name). A cloud not listed here gets the defaults. Credentials, project
       * owners and regions come from `openstack.clouds`.
       */
      openstack?: {
        [cloud: string]: {
          /** Whether this cloud's resources enter the catalog. Default: true. */
          enabled?: boolean;
          /**
           * Cadence and timeout of a run. Default: every 30 minutes, 10-minute
           * timeout, first run 15 seconds after start.
           */
          schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
          /**
           * spec.owner of the System and Resources of a project that maps no
           * owner (`owners: ['*']`). Default: group:default/openstack-admins.
           */
          defaultOwner?: string;
          /** Projects read at once. Default: 4. */
          concurrency?: number;
          /**
           * How each run reaches the catalog. `delta` (default) sends only what
           * changed since the last run; `full` sends every entity, every run.
           */
          mutation?: 'delta' | 'full';
        };
      };
    };
  };
}
