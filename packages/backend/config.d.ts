export interface Config {
  /** Settings of Canopy's backend. */
  canopy?: {
    /**
     * Permission policy: `owner-based` (default; entity owners alone may delete an
     * entity or list its cloud resources) or `allow-all` (local development only).
     */
    permissionPolicy?: 'owner-based' | 'allow-all';
  };
}
