/**
 * Canopy's OpenStack frontend plugin.
 *
 * @packageDocumentation
 */

export { openstackPlugin } from './plugin';
export * from './api';
export * from './extensions';
export { isOpenStackAvailable } from './components/entity/isOpenStackAvailable';
export type {
  OpenStackCostPreviewUiOptions,
  OpenStackCostPreviewValue,
  OpenStackLocation,
  OpenStackLookupPickerUiOptions,
  OpenStackQuotaPreviewUiOptions,
  OpenStackQuotaPreviewValue,
} from './components';
