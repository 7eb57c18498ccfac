import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Canopy's delivery tracking: requests followed from pull request to running. */
  delivery?: {
    /**
     * How often open requests are advanced (one replica at a time, through
     * the scheduler service). Default: every 30 seconds, 5-minute timeout.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /**
     * How long a request whose current stage did not change waits before it
     * is checked again: `initialSeconds`, doubled after each unchanged check,
     * up to `maxSeconds`. Defaults 30 and 900.
     */
    backoff?: {
      initialSeconds?: number;
      maxSeconds?: number;
    };
    /**
     * An open request that has not changed for this many days (a pull
     * request left open, an application that never appears) is given up on:
     * its stage fails with that reason and the requester is told. Default 30.
     */
    maxIdleDays?: number;
    /**
     * Most open requests one user may have at once; recording one more is
     * refused with HTTP 429 until one of them ends. Bounds the work each
     * user causes (every open request is looked at on each beat). Default 50.
     */
    maxOpenRequestsPerUser?: number;
    /**
     * Who owns the repositories, Kubernetes namespaces and Argo CD
     * AppProjects that the stages read with the portal's credentials. A
     * request naming a pull request in a repository, a KRO instance in a
     * namespace, or an existing Argo CD application in an AppProject, that
     * the requester's teams do not own is refused (HTTP 403, naming the
     * rule), and each look checks again with their teams at that time. Deny
     * by default: what no entry maps is nobody's.
     */
    tenancy?: {
      /**
       * Repositories and their owners: `host/owner/name` (GitLab:
       * `host/group/subgroup/name`), or its beginning followed by `*`
       * (`github.com/team-a/*`), compared without case. A request whose pull
       * request is in a repository the requester's teams do not own is
       * refused before the portal's integration token reads anything of it;
       * the `pull-request` and `pipeline` stages check again at each look.
       */
      repositories?: Array<{
        repository: string;
        /** Catalog refs of the owning groups or users, or `['*']` for everyone. */
        owners: string[];
      }>;
      /**
       * Namespaces and their owners. `namespace` is a name (`team-a`) or a
       * name's beginning followed by `*` (`team-a-*`); the most specific
       * entry decides: a whole name before a beginning, a longer beginning
       * before a shorter one, an entry for the cluster before one for every
       * cluster.
       */
      namespaces?: Array<{
        namespace: string;
        /** A cluster of `kubernetes.clusterLocatorMethods`; every cluster when absent. */
        cluster?: string;
        /** Catalog refs of the owning groups or users (`group:default/team-a`), or `['*']` for everyone. */
        owners: string[];
      }>;
      /**
       * A namespace no entry maps is owned by the owners of the mapped
       * OpenStack project of the same name (`openstack.clouds[].projects[]`:
       * one Keystone project = one namespace); when several clouds map a
       * project of that name, the requester must own each. Default true.
       */
      namespacesFromOpenStackProjects?: boolean;
      /**
       * Argo CD AppProjects and their owners. An application is read only
       * when its `spec.project` is one the requester's teams own; Argo CD's
       * own project rules keep what it deploys inside the project's
       * destinations. `project` may end in `*` as `namespace` does.
       */
      argoCdProjects?: Array<{
        project: string;
        /** An instance of `delivery.argocd.instances`; every instance when absent. */
        instance?: string;
        /** Catalog refs of the owning groups or users, or `['*']` for everyone. */
        owners: string[];
      }>;
    };
    /** Argo CD instances whose Applications the `argocd` stage reads (REST API). */
    argocd?: {
      instances?: Array<{
        /** Name templates refer to (`expected.argoCdApplications[].instance`); the first is the default. */
        name: string;
        /** Base URL of the Argo CD API server, e.g. https://argocd.example.com */
        url: string;
        /**
         * An Argo CD API token (a local account with `applications, get` rights).
         * @visibility secret
         */
        token: string;
        /** Link base for the Argo CD UI; defaults to `url`. */
        uiUrl?: string;
      }>;
    };
    /**
     * Argo CD notifications that advance the requests expecting an
     * application at once, through the events backend
     * (`eventsModuleDeliveryArgoCd`: `POST /api/events/http/argocd`). GitHub
     * and GitLab webhooks go to the events backend's own modules, configured
     * under `events.modules.github.webhookSecret` and
     * `events.modules.gitlab.webhookSecret`.
     */
    webhooks?: {
      argocd?: {
        /**
         * Bearer token Argo CD notifications send (webhook service header
         * `Authorization: Bearer ...`); the ingress is off until it is set.
         * @visibility secret
         */
        token: string;
      };
    };
  };
}
