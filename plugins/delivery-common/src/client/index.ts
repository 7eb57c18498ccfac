export type { DeliveryApi } from './DeliveryApi';
export { DeliveryClient } from './DeliveryClient';
