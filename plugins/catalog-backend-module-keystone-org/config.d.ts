import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * The Keystone org provider, per cloud of `openstack.clouds` (by its
       * name): that cloud's Keystone groups become Group entities and its
       * users User entities with `memberOf`. Only the clouds listed here are
       * read. The credential is the cloud's identity reader,
       * `openstack.clouds[].identity` (a password credential with the reader
       * role on the domain, or on the system to read several domains).
       */
      keystoneOrg?: {
        [cloud: string]: {
          /**
           * The Keystone domains (by name) whose groups and users are read.
           * Default: [Default]. The Default domain's entities go to the
           * `default` namespace, another domain's to a namespace named after
           * it (lower-cased, `-` for other characters).
           */
          domains?: string[];
          /** spec.type of every Group. Default: team. */
          groupType?: string;
          /**
           * Cadence and timeout of a run. Default: every 30 minutes, 10-minute
           * timeout, first run 10 seconds after start.
           */
          schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        };
      };
    };
  };
}
