/**
 * The delivery plugin in a test backend, for the plugin's own tests: the
 * events backend with delivery's Argo CD ingress, a stand-in scaffolder task
 * API, notifications, the catalog, and a loopback GitHub whose pull requests
 * the tasks open.
 */
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  type BackendFeature,
} from '@backstage/backend-plugin-api';
import { fakeCloudConfig } from '@canopy-idp/plugin-openstack-node/testUtils';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import { FakeGithub } from '@canopy-idp/plugin-scaffolder-backend-module-canopy/testUtils';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsModuleDeliveryArgoCd } from '../events/argoCdIngress';
import { deliveryPlugin } from '../plugin';
import { requestBody } from './requests';

/**
 * Registers the loopback GitHub's start and stop with the calling test file
 * and returns what its tests use.
 */
export function deliveryTestBackend() {
  const notifications = createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({ send: async (_n: NotificationSendOptions) => {} }),
  });

  /** Scaffolder tasks: id -> the user who created it. */
  const tasks = new Map<string, string>();
  /** The scaffolder's task API as the delivery backend reads it (GET /v2/tasks/:id). */
  const scaffolder = createBackendPlugin({
    pluginId: 'scaffolder',
    register(env) {
      env.registerInit({
        deps: { httpRouter: coreServices.httpRouter },
        async init({ httpRouter }) {
          const router = express.Router();
          router.get('/v2/tasks/:id', (req, res) => {
            const createdBy = tasks.get(req.params.id);
            if (!createdBy)
              res.status(404).json({ error: { name: 'NotFoundError' } });
            else
              res.json({ id: req.params.id, status: 'processing', createdBy });
          });
          httpRouter.use(router);
        },
      });
    },
  });

  const TOKEN = 'ghp-test-token';
  const github = new FakeGithub('acme', 'infra', TOKEN);
  beforeAll(() => github.start());
  afterAll(() => github.stop());

  /** Pull request URLs by task. */
  const opened = new Map<string, string>();
  /**
   * A scaffolder task of `createdBy` and the pull request it opened in the
   * loopback GitHub (with the pull-request action's own client, which marks it
   * with the task): the task id and the pull request's URL.
   */
  async function taskWithPull(
    taskId: string,
    createdBy = 'user:default/guest',
  ) {
    tasks.set(taskId, createdBy);
    if (!opened.has(taskId)) {
      const pr = await github.openPullRequest('Add OpenStack servers web', {
        files: { [`openstack/${taskId}/main.tf`]: Buffer.from('# web\n') },
        branch: `canopy/web-${taskId}`,
        taskId,
        body: 'Adds web',
      });
      opened.set(taskId, pr.url);
    }
    return { taskId, pullRequestUrl: opened.get(taskId)! };
  }

  /**
   * The delivery plugin in a test backend with the events backend and
   * delivery's Argo CD ingress (the events backend's GitHub module, which checks
   * GitHub's signatures, loads itself with a dynamic import Jest cannot run: the
   * backend's end-to-end tests send it signed deliveries); `extra` adds to the
   * configuration (`delivery` settings are merged into delivery's own).
   */
  async function start(
    extra: {
      delivery?: object;
      events?: object;
      features?: BackendFeature[];
    } = {},
  ) {
    const { server } = await startTestBackend({
      features: [
        ...(extra.features ?? []),
        deliveryPlugin,
        eventsPlugin,
        eventsModuleDeliveryArgoCd,
        scaffolder,
        notifications,
        // The catalog the requester's teams are read from (the guest is not in it).
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              github: [github.integration()],
            },
            delivery: {
              // The guest's repositories in the loopback GitHub.
              tenancy: {
                repositories: [
                  {
                    repository: `127.0.0.1:${github.port}/acme/*`,
                    owners: ['user:default/guest'],
                  },
                ],
              },
              ...extra.delivery,
            },
            openstack: {
              clouds: [
                fakeCloudConfig({
                  authUrl: 'http://127.0.0.1:9/v3',
                  projects: [
                    { name: 'demo', owners: ['user:default/guest'] },
                    { name: 'team-b', owners: ['group:default/team-b'] },
                  ],
                }),
              ],
            },
          },
        }),
      ],
    });
    return server;
  }

  return {
    github,
    taskWithPull,
    start,
    /** The Authorization header of a signed-in user. */
    asUser: (ref = 'user:default/guest') => mockCredentials.user.header(ref),
    /** A valid request body of the VM template, to add a task and pull request to. */
    body: requestBody({
      templateRef: 'template:default/openstack-virtual-machines',
    }),
  };
}
