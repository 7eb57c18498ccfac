export interface Config {
  /** Settings of Canopy's backend. */
  canopy?: {
    /**
     * Permission policy: `owner-based` (default; entity owners alone may delete an
     * entity or list its cloud resources) or `allow-all` (local development only).
     */
    permissionPolicy?: 'owner-based' | 'allow-all';
    /**
     * The platform team under the owner-based policy: ownership refs
     * (`group:default/platform-team`, `user:default/jane`) matched against a
     * signed-in user's ownership refs from sign-in. Platform admins alone may
     * register and unregister catalog locations, use the Kubernetes proxy, read
     * and cancel every scaffolder task, and browse every team's OpenStack
     * Systems and Resources. Empty or unset: nobody may.
     */
    platformAdmins?: string[];
  };
}
