/**
 * Canopy's delivery frontend plugin: a My requests page and an entity card
 * that follow each request a template opens as a pull request, from review
 * to running.
 *
 * @packageDocumentation
 */

export { deliveryPlugin } from './plugin';
export * from './api';
export { DeliveryPage, EntityDeliveryCard } from './extensions';
export type { MyRequestsContentProps } from './components/MyRequestsPage';
export type { EntityDeliveryCardProps } from './components/EntityDeliveryCard';
export {
  DeliveryTimeline,
  type DeliveryTimelineProps,
} from './components/DeliveryTimeline';
