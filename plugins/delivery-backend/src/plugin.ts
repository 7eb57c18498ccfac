import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  deliveryObserversExtensionPoint,
  type DeliveryStageObserver,
} from '@canopy-idp/plugin-delivery-node';
import {
  OwnershipResolver,
  openstackServiceRef,
} from '@canopy-idp/plugin-openstack-node';
import { Advancer } from './advancer/Advancer';
import { readDeliveryOptions } from './config';
import { RequestNotifier } from './notify/RequestNotifier';
import { ArgoCdApplications, ArgoCdObserver } from './observers/ArgoCdObserver';
import { KubernetesProxy } from './observers/KubernetesProxy';
import { KroObserver } from './observers/KroObserver';
import { OpenStackObserver } from './observers/OpenStackObserver';
import { OwnedRepository } from './observers/OwnedRepository';
import { PipelineObserver } from './observers/PipelineObserver';
import { PullRequestObserver } from './observers/PullRequestObserver';
import { ScmClients } from './observers/ScmClients';
import { ExpectationsCheck } from './router/checkExpectations';
import { TaskBinding } from './router/TaskBinding';
import { createRouter } from './router/createRouter';
import { subscribeToDeliveryEvents } from './events/deliveryEvents';
import { checkAddedStage, type AddedStage } from './stages/plan';
import { RequestStore } from './store/RequestStore';
import { TenancyMap } from './tenancy/TenancyMap';

/**
 * Canopy's delivery backend plugin, mounted at `/api/delivery`: records each
 * request a template opens as a pull request and follows it to running.
 *
 * @public
 */
export const deliveryPlugin = createBackendPlugin({
  pluginId: 'delivery',
  register(env) {
    // Stages that backend modules add (Flux, Jenkins, ...), with their observers.
    const added: { observer: DeliveryStageObserver; stage: AddedStage }[] = [];
    env.registerExtensionPoint(deliveryObserversExtensionPoint, {
      addObserver(observer, options) {
        const stage = { stage: observer.stage, after: options?.after };
        checkAddedStage(
          stage,
          added.map(a => a.stage.stage),
        );
        added.push({ observer, stage });
      },
    });
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
        notifications: notificationService,
        events: eventsServiceRef,
        openstack: openstackServiceRef,
      },
      async init(deps) {
        const options = readDeliveryOptions(deps.config);
        const integrations = ScmIntegrations.fromConfig(deps.config);
        const scm = new ScmClients(integrations);
        const store = await RequestStore.create(deps.database);
        const openstack = deps.openstack;
        const ownership = new OwnershipResolver({
          catalog: deps.catalog,
          auth: deps.auth,
        });
        // KRO instances are read through the kubernetes backend's proxy.
        const kubernetes = new KubernetesProxy({
          discovery: deps.discovery,
          auth: deps.auth,
        });
        const owners = TenancyMap.fromConfig(deps.config, openstack.projects);
        const argocd = new ArgoCdApplications(options.argocd);
        const tenancy = { owners, ownership };
        const advancer = new Advancer({
          store,
          observers: [
            new OwnedRepository(new PullRequestObserver(scm), tenancy),
            new OwnedRepository(new PipelineObserver(scm), tenancy),
            new ArgoCdObserver(argocd, tenancy),
            new KroObserver(kubernetes, tenancy),
            new OpenStackObserver(openstack, ownership),
            ...added.map(a => a.observer),
          ],
          notifier: new RequestNotifier(deps.notifications, deps.logger),
          logger: deps.logger,
          backoff: options.backoff,
          maxIdleMs: options.maxIdleMs,
        });

        await deps.scheduler.scheduleTask({
          id: 'delivery-advance-requests',
          ...options.schedule,
          scope: 'global',
          fn: async () => {
            await advancer.advanceDue();
            await advancer.tellUntold();
          },
        });

        // GitHub, GitLab and Argo CD tell the portal to look now, through the
        // events backend (which checks each delivery's signature or token).
        await subscribeToDeliveryEvents({
          events: deps.events,
          store,
          advancer,
          logger: deps.logger,
        });
        deps.httpRouter.use(
          await createRouter({
            store,
            httpAuth: deps.httpAuth,
            userInfo: deps.userInfo,
            integrations,
            maxOpenRequestsPerUser: options.maxOpenRequestsPerUser,
            addedStages: added.map(a => a.stage),
            binding: new TaskBinding({
              discovery: deps.discovery,
              auth: deps.auth,
              scm,
            }),
            expectations: new ExpectationsCheck({
              projects: openstack.projects,
              ownership,
              tenancy: owners,
              defaultCluster: () => kubernetes.defaultCluster(),
              argocd,
            }),
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
