export { DeliveryTimeline } from './DeliveryTimeline';
export type { DeliveryTimelineProps } from './DeliveryTimeline';
