export {
  EntityDeliveryCard,
  type EntityDeliveryCardProps,
} from './EntityDeliveryCard';
