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
      /** Keystone v3 endpoint, e.g. https://keystone.example.net:5000/v3 */
      authUrl: string;
      /**
       * Regions to read from; defaults to every region in the service catalog.
       * @visibility frontend
       */
      regions?: string[];
      /** Endpoint interface picked from the service catalog. Defaults to public. */
      interface?: 'public' | 'internal' | 'admin';
      /** Application credential (preferred) */
      applicationCredential?: {
        /** Application credential id; or name together with user. */
        id?: string;
        /** Application credential name, used with `user`. */
        name?: string;
        /** Owner of a credential given by name. */
        user?: { name?: string; id?: string; domainName?: string };
        /**
         * The application credential secret.
         * @visibility secret
         */
        secret: string;
      };
      /** Password authentication, scoped to a project. */
      password?: {
        username: string;
        /** @visibility secret */
        password: string;
        userDomainName?: string;
        projectName?: string;
        projectId?: string;
        projectDomainName?: string;
      };
      /** PEM CA bundle used to verify the cloud's TLS certificates. */
      caFile?: string;
      /**
       * Horizon dashboard base URL, used for deep links.
       * @visibility frontend
       */
      horizonUrl?: string;
    }>;
  };
}
