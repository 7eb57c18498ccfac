import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import kubernetesPlugin from '@backstage/plugin-kubernetes/alpha';
import searchPlugin from '@backstage/plugin-search/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import openstackPlugin from '@canopy-idp/plugin-openstack/alpha';
import deliveryPlugin from '@canopy-idp/plugin-delivery/alpha';
import scaffolderKubernetesModule from '@canopy-idp/plugin-scaffolder-module-kubernetes/alpha';
import { navModule } from './modules/nav';

/** The features the app is made of (exported for tests). */
export const appFeatures = [
  catalogPlugin,
  catalogGraphPlugin,
  scaffolderPlugin,
  kubernetesPlugin,
  searchPlugin,
  userSettingsPlugin,
  orgPlugin,
  // Delivery notifications (merged, applied, ready, failed), pushed live
  notificationsPlugin,
  signalsPlugin,
  openstackPlugin,
  deliveryPlugin,
  scaffolderKubernetesModule,
  navModule,
];

export default createApp({
  features: appFeatures,
});
