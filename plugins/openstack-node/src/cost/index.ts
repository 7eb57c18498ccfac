export { costSpecsOf } from './costSpecs';
export {
  CostEstimator,
  type CostReads,
  type CostTarget,
} from './CostEstimator';
export {
  estimateCost,
  HOURS_PER_MONTH,
  type OpenStackCostFigures,
  type OpenStackCostSpec,
} from './estimate';
export {
  priceListFor,
  type CloudKittySettings,
  type OpenStackPriceList,
  type OpenStackPricing,
} from './priceList';
export { readPricing } from './readPricing';
export { estimateWithCloudKitty, type CloudKittyResource } from './cloudKitty';
