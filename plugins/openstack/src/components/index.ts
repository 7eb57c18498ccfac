export { OpenStackCloudRegionPicker } from './OpenStackCloudRegionPicker/OpenStackCloudRegionPicker';
export {
  OpenStackCloudRegionPickerFieldSchema,
  validateOpenStackCloudRegion,
} from './OpenStackCloudRegionPicker/schema';
export { OpenStackFlavorPicker } from './OpenStackFlavorPicker/OpenStackFlavorPicker';
export { OpenStackImagePicker } from './OpenStackImagePicker/OpenStackImagePicker';
export { OpenStackNetworkPicker } from './OpenStackNetworkPicker/OpenStackNetworkPicker';
export { OpenStackExternalNetworkPicker } from './OpenStackExternalNetworkPicker/OpenStackExternalNetworkPicker';
export { OpenStackAvailabilityZonePicker } from './OpenStackAvailabilityZonePicker/OpenStackAvailabilityZonePicker';
export { OpenStackKeyPairPicker } from './OpenStackKeyPairPicker/OpenStackKeyPairPicker';
export { OpenStackLookupPickerFieldSchema } from './common/schema';
export type { OpenStackLookupPickerUiOptions } from './common/LookupPicker';
export type { OpenStackLocation } from './common/formValues';
export { OpenStackQuotaPreview } from './OpenStackQuotaPreview/OpenStackQuotaPreview';
export {
  OpenStackQuotaPreviewFieldSchema,
  validateOpenStackQuotaPreview,
} from './OpenStackQuotaPreview/schema';
export type {
  OpenStackQuotaPreviewUiOptions,
  OpenStackQuotaPreviewValue,
} from './OpenStackQuotaPreview/schema';
export { OpenStackCostPreview } from './OpenStackCostPreview/OpenStackCostPreview';
export {
  OpenStackCostPreviewFieldSchema,
  validateOpenStackCostPreview,
} from './OpenStackCostPreview/schema';
export type {
  OpenStackCostPreviewUiOptions,
  OpenStackCostPreviewValue,
} from './OpenStackCostPreview/schema';
