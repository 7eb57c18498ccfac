/**
 * The plugins and modules of Canopy's backend, in one list so that the process
 * entry point (index.ts) and the boot tests start exactly the same backend.
 */
import appBackend from '@backstage/plugin-app-backend';
import authBackend from '@backstage/plugin-auth-backend';
import authGuestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogLogs from '@backstage/plugin-catalog-backend-module-logs';
import catalogScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import eventsBackend from '@backstage/plugin-events-backend';
import eventsModuleGithub from '@backstage/plugin-events-backend-module-github';
import eventsModuleGitlab from '@backstage/plugin-events-backend-module-gitlab';
import kubernetesBackend from '@backstage/plugin-kubernetes-backend';
import mcpActionsBackend from '@backstage/plugin-mcp-actions-backend';
import notificationsBackend from '@backstage/plugin-notifications-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import proxyBackend from '@backstage/plugin-proxy-backend';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
import scaffolderGithub from '@backstage/plugin-scaffolder-backend-module-github';
import scaffolderGitlab from '@backstage/plugin-scaffolder-backend-module-gitlab';
import searchBackend from '@backstage/plugin-search-backend';
import searchCatalog from '@backstage/plugin-search-backend-module-catalog';
import searchPg from '@backstage/plugin-search-backend-module-pg';
import signalsBackend from '@backstage/plugin-signals-backend';
import deliveryBackend, {
  eventsModuleDeliveryArgoCd,
} from '@canopy-idp/plugin-delivery-backend';
import openstackBackend from '@canopy-idp/plugin-openstack-backend';
import catalogOpenStackEntityProvider from '@canopy-idp/plugin-catalog-backend-module-openstack';
import catalogKeystoneOrg from '@canopy-idp/plugin-catalog-backend-module-keystone-org';
import canopyScaffolderPublish from '@canopy-idp/plugin-scaffolder-backend-module-canopy';
import canopyScaffolderOpenStack from '@canopy-idp/plugin-scaffolder-backend-module-openstack';
import canopyScaffolderGitOps from '@canopy-idp/plugin-scaffolder-backend-module-gitops';
import canopyScaffolderPipeline from '@canopy-idp/plugin-scaffolder-backend-module-pipeline';
import canopyScaffolderDelivery from '@canopy-idp/plugin-scaffolder-backend-module-delivery';
import canopyPermissionPolicy from './modules/permissionPolicy';

/**
 * Webhooks: GitHub's (signature) and GitLab's (token) deliveries are checked
 * by the events backend's modules and published for delivery. (They load
 * their parts with a dynamic `import()`, which Jest runs only with
 * --experimental-vm-modules: Jest's boot test leaves them out.)
 */
export const webhookFeatures = [eventsModuleGithub, eventsModuleGitlab];

export const backendFeatures = [
  appBackend,
  proxyBackend,
  eventsBackend,
  ...webhookFeatures,

  // Auth: guest sign-in for development; see app-config.production.yaml.
  authBackend,
  authGuestProvider,

  // Catalog
  catalogBackend,
  catalogScaffolderEntityModel,
  catalogLogs,

  // Scaffolder, with GitHub and GitLab publishing and Canopy's actions
  scaffolderBackend,
  scaffolderGithub,
  scaffolderGitlab,
  canopyScaffolderOpenStack,
  canopyScaffolderGitOps,
  canopyScaffolderPipeline,
  canopyScaffolderDelivery,
  canopyScaffolderPublish,

  // Permissions: the policy is chosen by configuration (modules/permissionPolicy)
  permissionBackend,
  canopyPermissionPolicy,

  // Search: Lunr in memory by default, PostgreSQL when the database is PostgreSQL
  searchBackend,
  searchPg,
  searchCatalog,

  // Kubernetes
  kubernetesBackend,

  // Actions registry for MCP clients
  mcpActionsBackend,

  // Notifications, pushed to the browser through signals
  notificationsBackend,
  signalsBackend,

  // Canopy: the OpenStack plugin, the catalog's OpenStack module (projects as
  // Systems, resources as Resources, nothing to do while openstack.clouds is
  // empty; and the IS_OPENSTACK_PROJECT_OWNER permission rule) and the Keystone
  // org provider (Keystone groups and users as Groups and Users; only for the
  // clouds under catalog.providers.keystoneOrg)
  openstackBackend,
  catalogOpenStackEntityProvider,
  catalogKeystoneOrg,

  // Canopy: delivery tracking, from pull request to running
  deliveryBackend,
  // Argo CD notifications at /api/events/http/argocd (delivery.webhooks.argocd.token).
  eventsModuleDeliveryArgoCd,
];
