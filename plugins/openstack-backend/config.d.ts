export interface Config {
  /** Configuration for Canopy's OpenStack backend plugin. */
  openstack?: {
    /**
     * The OpenStack clouds Canopy reads from. Catalog entities name one of them in
     * the `openstack.canopy-idp.io/cloud` annotation.
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
       * Application credential (recommended). Its project is the only project
       * Canopy can read with it.
       */
      applicationCredential?: {
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
      };
      /**
       * Password authentication. Canopy scopes a token to each project that
       * entities name, so the user needs a reader role there; `projectName` /
       * `projectId` is the default scope for look-ups.
       */
      password?: {
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
      };
      /** PEM CA bundle used to verify the cloud's TLS certificates. */
      caFile?: string;
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
  };
}
