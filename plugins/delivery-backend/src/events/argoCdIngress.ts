import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';
import { timingSafeEqual } from 'node:crypto';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * An events backend module: Argo CD notifications arrive at
 * `POST /api/events/http/argocd` (a notifications `webhook` service with body
 * `{"app": "{{.app.metadata.name}}"}` and the header
 * `Authorization: Bearer <delivery.webhooks.argocd.token>`) and are published
 * on the topic `argocd`, which the delivery plugin listens to. Off (no route)
 * until the token is set; a call without it is refused with 401.
 *
 * @public
 */
export const eventsModuleDeliveryArgoCd = createBackendModule({
  pluginId: 'events',
  moduleId: 'delivery-argocd',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        events: eventsExtensionPoint,
      },
      async init({ config, events }) {
        const token = config.getOptionalString(
          'delivery.webhooks.argocd.token',
        );
        if (!token) return;
        events.addHttpPostIngress({
          topic: 'argocd',
          async validator(request, context) {
            const given = request.headers.authorization;
            if (!same(`Bearer ${token}`, String(given ?? ''))) {
              context.reject({
                status: 401,
                payload: {
                  message:
                    'the bearer token does not match delivery.webhooks.argocd.token',
                },
              });
            }
          },
        });
      },
    });
  },
});
