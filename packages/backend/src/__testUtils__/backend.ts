/**
 * Boots Canopy's real backend in-process for tests, as src/index.ts does; only
 * the configuration source differs. Works under Jest and under plain Node.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  type BackendFeature,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  DefaultEventsService,
  type EventsService,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { backendFeatures, webhookFeatures } from '../features';

import { freePort } from '@canopy-idp/plugin-delivery-common/testUtils';
import { callApi } from './api';

export const repoRoot = path.resolve(__dirname, '../../../..');

/**
 * app-config.yaml as the backend reads it, on a free port, with file
 * locations made absolute and `extra` merged over the top level (and over
 * `backend`'s keys).
 */
function appConfig(
  database: object,
  port: number,
  extra: Record<string, unknown>,
  locations: object[] = [],
) {
  const config = parse(
    readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
  );
  config.backend.database = database;
  config.backend.listen = { port, host: '127.0.0.1' };
  config.backend.baseUrl = `http://127.0.0.1:${port}`;
  config.catalog.locations = [
    ...config.catalog.locations.map((location: { target: string }) => ({
      ...location,
      target: path.resolve(repoRoot, 'packages/backend', location.target),
    })),
    ...locations,
  ];
  // Jest runs with NODE_ENV=test, which the guest provider treats as
  // non-development; sign-in is otherwise configured exactly as in yarn start.
  // The guest is in team A (group:default/team-a), as in the test-bed portal
  // (app-config.testbed.yaml), so the tenancy checks let it use team A's
  // OpenStack project.
  config.auth.providers.guest = {
    dangerouslyAllowOutsideDevelopment: true,
    userEntityRef: 'user:default/guest',
    ownershipEntityRefs: ['user:default/guest', 'group:default/team-a'],
  };
  // The catalog's event-bus subscription is a ~55 s long poll that holds
  // backend.stop() open; a single in-process backend does not need the bus.
  config.events = { useEventBus: 'never' };
  // `backend` is merged one level down: the database and port above stay.
  return {
    ...config,
    ...extra,
    backend: { ...config.backend, ...(extra.backend as object | undefined) },
  };
}

/**
 * The events service as Backstage's own factory builds it, except that a
 * publish made while the backend stops resolves instead of rejecting.
 * Backstage's catalog processing engine and scaffolder task store publish
 * without awaiting (fire and forget); one that lands during backend.stop()
 * rejects with "Service is shutting down", an unhandled rejection that Node's
 * test runner charges to the test file that started the backend.
 */
const eventsDuringShutdown = createServiceFactory({
  service: eventsServiceRef,
  deps: {
    pluginMetadata: coreServices.pluginMetadata,
    rootLogger: coreServices.rootLogger,
    rootLifecycle: coreServices.rootLifecycle,
    discovery: coreServices.discovery,
    logger: coreServices.logger,
    lifecycle: coreServices.lifecycle,
    auth: coreServices.auth,
    config: coreServices.rootConfig,
  },
  async createRootContext({ rootLogger, rootLifecycle, config }) {
    const shutdown = { begun: false };
    // Before-shutdown hooks run before any plugin's shutdown hook, and so
    // before the events service refuses publishes.
    rootLifecycle.addBeforeShutdownHook(() => {
      shutdown.begun = true;
    });
    return {
      shutdown,
      events: DefaultEventsService.create({ logger: rootLogger, config }),
    };
  },
  async factory(
    { pluginMetadata, discovery, logger, lifecycle, auth },
    { shutdown, events: root },
  ): Promise<EventsService> {
    const events = root.forPlugin(pluginMetadata.getId(), {
      discovery,
      logger,
      lifecycle,
      auth,
    });
    return {
      async publish(params) {
        try {
          await events.publish(params);
        } catch (error) {
          if (!shutdown.begun) throw error;
          logger.debug(`event on ${params.topic} dropped at shutdown`);
        }
      },
      subscribe: options => events.subscribe(options),
    };
  },
});

export async function startCanopyBackend(
  options: {
    database?: object;
    config?: Record<string, unknown>;
    /** Test-only features added to the real ones (e.g. testUsersAuthModule). */
    features?: BackendFeature[];
    /** Catalog locations added to app-config.yaml's (absolute targets). */
    locations?: object[];
  } = {},
) {
  // The real root logger; errors only, so test output stays readable.
  process.env.LOG_LEVEL ??= 'error';
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const backend = createBackend();
  const data = appConfig(
    options.database ?? { client: 'better-sqlite3', connection: ':memory:' },
    port,
    options.config ?? {},
    options.locations,
  );
  backend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () => new ConfigReader(data),
    }),
  );
  backend.add(eventsDuringShutdown);
  // Under Jest, without the events backend's webhook modules (see
  // webhookFeatures); the end-to-end tests run by Node boot them all.
  const underJest = Boolean(process.env.JEST_WORKER_ID);
  for (const feature of [...backendFeatures, ...(options.features ?? [])]) {
    if (underJest && webhookFeatures.includes(feature)) continue;
    backend.add(feature);
  }
  await backend.start();
  const signIn = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  const token: string | undefined =
    signIn.status === 200
      ? (await signIn.json()).backstageIdentity.token
      : undefined;
  return {
    baseUrl,
    token,
    /** A call to `/api/<url>` as the guest (see callApi). */
    api: (method: string, url: string, body?: unknown) =>
      callApi(baseUrl, token, method, url, body),
    signInStatus: signIn.status,
    stop: () => stopClosingConnections(() => backend.stop()),
  };
}

let stopping = 0;
let nodeEnv: string | undefined;

/**
 * Stops a backend closing all its connections, as Backstage does in
 * development: outside development its HTTP server closes only idle ones, so
 * another replica's open event-bus long poll (about a minute) would hold the
 * stop open. NODE_ENV reads `development` only while backends stop; several
 * may stop at once.
 */
async function stopClosingConnections(stop: () => Promise<void>) {
  if (stopping++ === 0) {
    nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'development';
  }
  try {
    await stop();
  } finally {
    if (--stopping === 0) {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
  }
}
