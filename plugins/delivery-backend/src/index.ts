/**
 * Canopy's delivery backend plugin: each request a template opened as a pull
 * request, followed through the pull request, the apply pipeline, Argo CD,
 * KRO and OpenStack until it runs.
 *
 * @packageDocumentation
 */

export { deliveryPlugin as default } from './plugin';
export { eventsModuleDeliveryArgoCd } from './events/argoCdIngress';
