/**
 * The plugins and modules of Canopy's backend, in one list so that the process
 * entry point (index.ts) and the boot tests start exactly the same backend.
 */
export const backendFeatures = [
  import('@backstage/plugin-app-backend'),
  import('@backstage/plugin-proxy-backend'),

  // Auth: guest sign-in for development; see app-config.production.yaml.
  import('@backstage/plugin-auth-backend'),
  import('@backstage/plugin-auth-backend-module-guest-provider'),

  // Catalog
  import('@backstage/plugin-catalog-backend'),
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
  import('@backstage/plugin-catalog-backend-module-logs'),

  // Scaffolder, with GitHub and GitLab publishing and Canopy's actions
  import('@backstage/plugin-scaffolder-backend'),
  import('@backstage/plugin-scaffolder-backend-module-github'),
  import('@backstage/plugin-scaffolder-backend-module-gitlab'),
  import('@canopy-idp/plugin-scaffolder-backend-module-canopy'),

  // Permissions: the policy is chosen by configuration (see modules/permissionPolicy)
  import('@backstage/plugin-permission-backend'),
  import('./modules/permissionPolicy'),

  // Search: Lunr in memory by default, PostgreSQL when the database is PostgreSQL
  import('@backstage/plugin-search-backend'),
  import('@backstage/plugin-search-backend-module-pg'),
  import('@backstage/plugin-search-backend-module-catalog'),

  // Kubernetes
  import('@backstage/plugin-kubernetes-backend'),

  // Actions registry for MCP clients
  import('@backstage/plugin-mcp-actions-backend'),

  // Canopy
  import('@canopy-idp/plugin-openstack-backend'),
];
