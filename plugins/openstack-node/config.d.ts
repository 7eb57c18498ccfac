/**
 * An OpenStack application credential (Keystone v3 `application_credential`).
 */
interface ApplicationCredential {
  /** Application credential id; or give name together with user. */
  id?: string;
  /** Application credential name, used with `user`. */
  name?: string;
  /** Owner of a credential given by name. */
  user?: {
    id?: string;
    name?: string;
    domainName?: string;
    domainId?: string;
  };
  /**
   * The application credential secret.
   * @visibility secret
   */
  secret: string;
}

/**
 * A Keystone password credential (Keystone v3 `password`), with the project it
 * is scoped to where it names one.
 */
interface PasswordCredential {
  username?: string;
  userId?: string;
  /** @visibility secret */
  password: string;
  userDomainName?: string;
  userDomainId?: string;
  projectName?: string;
  projectId?: string;
  projectDomainName?: string;
  projectDomainId?: string;
}

/**
 * Prices in a cloud's pricing currency. A price that is not given is unknown,
 * never zero: what needs it is shown as not priced.
 */
interface PriceList {
  /** Per server-hour, by flavor name; wins over the per-component prices. */
  flavors?: Array<{ name: string; hour: number }>;
  /** Per vCPU-hour, for flavors not in `flavors` (give with ramGiBHour). */
  vcpuHour?: number;
  /** Per GiB of RAM per hour, for flavors not in `flavors` (give with vcpuHour). */
  ramGiBHour?: number;
  /** Per GiB of a flavor's root disk per hour; a flavor's disk is free when not given. */
  diskGiBHour?: number;
  /** Per GiB-month of a volume of a type not in `volumeTypes`. */
  volumeGiBMonth?: number;
  /** Per GiB-month, by volume type name; wins over `volumeGiBMonth`. */
  volumeTypes?: Array<{ name: string; gibMonth: number }>;
  /** Per floating IP per hour. */
  floatingIpHour?: number;
  /** Per load balancer per hour. */
  loadBalancerHour?: number;
  /** Per network (with its subnets) per hour; networks are not priced when absent. */
  networkHour?: number;
  /** Per router per hour; routers are not priced when absent. */
  routerHour?: number;
}

export interface Config {
  /** Configuration for Canopy's OpenStack backend plugin. */
  openstack?: {
    /**
     * The OpenStack clouds Canopy reads from. Catalog entities name one of them in
     * the `openstack.canopy-idp.io/cloud` annotation, and one of its `projects`
     * in `openstack.canopy-idp.io/project`.
     */
    clouds?: Array<{
      /**
       * Name entities and templates use to refer to this cloud.
       * @visibility frontend
       */
      name: string;
      /**
       * Keystone v3 endpoint, e.g. https://keystone.example.net:5000/v3.
       * Optional when `cloudsYaml` is given.
       */
      authUrl?: string;
      /**
       * Read the endpoint, credentials, region and interface from a standard
       * clouds.yaml file instead; settings given here take precedence.
       */
      cloudsYaml?: {
        /** Path of the clouds.yaml file. */
        file: string;
        /** Entry under `clouds:`; defaults to `name`. */
        cloud?: string;
      };
      /**
       * Regions to read from; defaults to every region in the service catalog.
       * @visibility frontend
       */
      regions?: string[];
      /** Endpoint interface picked from the service catalog. Defaults to public. */
      interface?: 'public' | 'internal' | 'admin';
      /**
       * The cloud's default credential, for projects that give none. An
       * application credential reaches only its own project, so it suits a
       * cloud with one project; give each project its own instead.
       */
      applicationCredential?: ApplicationCredential;
      /**
       * The cloud's default password credential: Canopy scopes it to each
       * mapped project without a credential of its own, so the user needs a
       * reader role (and, for key pairs, is the user whose key pairs are
       * listed) there.
       */
      password?: PasswordCredential;
      /**
       * The identity reader: the credential Canopy reads Keystone's users,
       * groups and role assignments with, for the Keystone org provider
       * (`catalog.providers.keystoneOrg`) and for projects whose owners come
       * from Keystone (`owners: { fromKeystone: ... }`). A password credential
       * (application credentials are scoped to a project, and a project scope
       * cannot read the identity API) of a user with the role `reader` on the
       * domain (`domain` / `domainId`) or on the system (`system: all`, to read
       * several domains), and no other role. Give exactly one scope.
       */
      identity?: {
        /** The reader's password credential. */
        password?: Omit<
          PasswordCredential,
          'projectName' | 'projectId' | 'projectDomainName' | 'projectDomainId'
        >;
        /** Or the password credential of a clouds.yaml entry. */
        cloudsYaml?: {
          file: string;
          cloud: string;
        };
        /** Domain scope, by name. */
        domain?: string;
        /** Domain scope, by id. */
        domainId?: string;
        /** System scope. */
        system?: 'all';
      };
      /**
       * The Keystone projects Canopy may read in this cloud, each with the
       * catalog owners allowed to use it and the credential Canopy reads it
       * with. A project that is not listed is unreachable: requests naming it
       * get a 403 and nothing is asked of OpenStack. A cloud must list at
       * least one project; startup fails on a project without owners or a
       * project listed twice.
       */
      projects: Array<{
        /** Keystone project id. Give `id` or `name` (or both). */
        id?: string;
        /**
         * Keystone project name; entities and templates may refer to the
         * project by it.
         * @visibility frontend
         */
        name?: string;
        /** Domain name of a project given by name. Defaults to Default. */
        domain?: string;
        /** Domain id of a project given by name (instead of `domain`). */
        domainId?: string;
        /**
         * Catalog entity refs of the groups and users that own the project,
         * e.g. `group:default/team-a`. An entity's resources are listed when
         * its owner, or a group above it (childOf), is one of them; look-ups
         * and quotas answer a user who is one of them or a member of one.
         * `['*']` is the explicit single-tenant form: everyone may use the
         * project, and startup logs a warning.
         *
         * Or `{ fromKeystone: { roles: [member] } }`: the owners are the
         * Keystone groups and users holding one of these roles directly in the
         * project (implied roles are not followed: list each), as the Keystone
         * org provider names them, read with the cloud's `identity` reader at
         * startup and every `ownersRefreshSeconds`. Until the first read
         * succeeds the project has no owners; when a read fails the last
         * owners stay.
         */
        owners:
          | string[]
          | {
              fromKeystone: {
                /** Keystone role names, e.g. [member]. */
                roles: string[];
              };
            };
        /**
         * Tags (with `*` as a wildcard) that entities owned by the project's
         * owners may select resources by, besides their own entity tag
         * `canopy.entity=<kind>.<namespace>.<name>`, e.g. `team=payments-*`.
         * Default none.
         */
        claimableTags?: string[];
        /**
         * What the project's resources may cost a month, in the cloud's
         * pricing currency. A request whose estimate, added to what the
         * project's resources cost now, exceeds it is refused by the
         * server-side check, naming the budget and by how much, unless the
         * template allows an override reason.
         */
        monthlyBudget?: number;
        /**
         * Application credential scoped to this project (recommended).
         * Without a credential of its own the project uses the cloud's
         * password credential, re-scoped to it.
         */
        applicationCredential?: ApplicationCredential;
        /** Password credential scoped to this project. */
        password?: PasswordCredential;
        /** Take this project's credential from an entry of a clouds.yaml file. */
        cloudsYaml?: {
          /** Path of the clouds.yaml file. */
          file: string;
          /** Entry under `clouds:`. */
          cloud: string;
        };
      }>;
      /** PEM CA bundle used to verify the cloud's TLS certificates. */
      caFile?: string;
      /**
       * What the cloud's resources cost, for the cost preview of template
       * forms, the server-side check's estimate and budgets. A month is 730
       * hours. Without it, requests in this cloud are not priced.
       */
      pricing?: {
        /** ISO 4217 currency code, e.g. EUR. */
        currency: string;
        /** The cloud's price list. */
        prices?: PriceList;
        /**
         * Price with the cloud's CloudKitty (its v1 quote call,
         * `POST /v1/rating/quote`, in the catalog's `rating` service of the
         * region, with the project's token), so estimates and run-rates
         * match what it bills. When CloudKitty does not answer, the price
         * list above is used and the estimate says so; without one, nothing
         * is priced. `currency` is the currency of its rating rules.
         */
        cloudkitty?: {
          /**
           * CloudKitty's collect period (`[collect] period`), the seconds a
           * quote is for. Default 3600.
           */
          periodSeconds?: number;
          /** CloudKitty's service (metric) names that rate each kind. */
          services?: {
            /** Servers, quoted with `flavor_name`, `vcpus`, `ram`, `disk` metadata. Default `instance`. */
            server?: string;
            /** Volumes in GiB, with `volume_type` metadata. Default `volume.size`. */
            volume?: string;
            /** Floating IPs. Default `network.floating`. */
            floatingIp?: string;
            /** Load balancers; not priced by CloudKitty when absent. */
            loadBalancer?: string;
            /** Networks; not priced by CloudKitty when absent. */
            network?: string;
            /** Routers; not priced by CloudKitty when absent. */
            router?: string;
          };
        };
        /**
         * Price lists of some regions or projects: each matching override,
         * in order, replaces the prices it gives (a flavor's, a volume
         * type's) of the list.
         */
        overrides?: Array<{
          /** The regions it applies to; all when absent. */
          regions?: string[];
          /** The projects it applies to, by their name in the project map (else their id); all when absent. */
          projects?: string[];
          prices: PriceList;
        }>;
      };
      /**
       * Horizon dashboard base URL, used for deep links.
       * @visibility frontend
       */
      horizonUrl?: string;
    }>;
    /** Timeout of each upstream call, in milliseconds. Default 10000. */
    requestTimeoutMs?: number;
    /**
     * Retries of idempotent GETs on 5xx and 429 answers (after the wait a
     * `Retry-After` header asks for) and connection resets. Default 2.
     */
    retries?: number;
    /** Page size (`limit=`) of every list call. Default 500. */
    pageSize?: number;
    /**
     * Longest list of one resource kind; longer lists are cut and reported in
     * `truncated`. Default 5000.
     */
    maxItemsPerKind?: number;
    /**
     * A cached token is replaced this many seconds before it expires. Default
     * 60. When that early refresh fails, the token is used until it expires.
     */
    tokenRefreshMarginSeconds?: number;
    /**
     * After an OpenStack service (per cloud, region and service) times out or
     * fails, it is not asked again for this many seconds: requests get its
     * last good answer, marked stale, or its failure. The wait doubles while
     * it keeps failing, up to eight times this. Default 30.
     */
    failedSourceRetrySeconds?: number;
    /** Lifetimes of answers in Backstage's cache service (memory, or Redis in production). */
    cache?: {
      /** Entity listings and quota usage. Default 30; 0 disables. */
      resourcesTtlSeconds?: number;
      /** Look-ups: flavors, images, networks, zones, key pairs. Default 300; 0 disables. */
      lookupsTtlSeconds?: number;
      /**
       * How long a last good answer is kept to be served, marked stale with
       * its age, when a later read fails (stale-while-error). Default 3600;
       * 0 serves no stale answer.
       */
      staleTtlSeconds?: number;
      /**
       * How long a service's 403 is remembered (and reported as "forbidden")
       * before the service is asked again. Default 300.
       */
      forbiddenTtlSeconds?: number;
    };
    /**
     * How often owners from Keystone (`owners: { fromKeystone: ... }`) are
     * read again, in seconds. Default 300.
     */
    ownersRefreshSeconds?: number;
  };
}
