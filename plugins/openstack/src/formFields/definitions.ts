import {
  OpenStackAvailabilityZonePicker,
  OpenStackCloudRegionPicker,
  OpenStackCostPreview,
  OpenStackCostPreviewFieldSchema,
  OpenStackCloudRegionPickerFieldSchema,
  OpenStackExternalNetworkPicker,
  OpenStackFlavorPicker,
  OpenStackImagePicker,
  OpenStackKeyPairPicker,
  OpenStackLookupPickerFieldSchema,
  OpenStackNetworkPicker,
  OpenStackQuotaPreview,
  OpenStackQuotaPreviewFieldSchema,
  validateOpenStackCloudRegion,
  validateOpenStackCostPreview,
  validateOpenStackQuotaPreview,
} from '../components';

/**
 * Every form field once: its `ui:field` name, component, validation and
 * schema. The new frontend system's form fields (./fields.ts) and the legacy
 * field extensions (../extensions.ts) are both made from these.
 */
export const fieldDefinitions = {
  cloudRegionPicker: {
    name: 'OpenStackCloudRegionPicker',
    component: OpenStackCloudRegionPicker,
    validation: validateOpenStackCloudRegion,
    schema: OpenStackCloudRegionPickerFieldSchema,
  },
  flavorPicker: {
    name: 'OpenStackFlavorPicker',
    component: OpenStackFlavorPicker,
    schema: OpenStackLookupPickerFieldSchema,
  },
  imagePicker: {
    name: 'OpenStackImagePicker',
    component: OpenStackImagePicker,
    schema: OpenStackLookupPickerFieldSchema,
  },
  networkPicker: {
    name: 'OpenStackNetworkPicker',
    component: OpenStackNetworkPicker,
    schema: OpenStackLookupPickerFieldSchema,
  },
  externalNetworkPicker: {
    name: 'OpenStackExternalNetworkPicker',
    component: OpenStackExternalNetworkPicker,
    schema: OpenStackLookupPickerFieldSchema,
  },
  availabilityZonePicker: {
    name: 'OpenStackAvailabilityZonePicker',
    component: OpenStackAvailabilityZonePicker,
    schema: OpenStackLookupPickerFieldSchema,
  },
  keyPairPicker: {
    name: 'OpenStackKeyPairPicker',
    component: OpenStackKeyPairPicker,
    schema: OpenStackLookupPickerFieldSchema,
  },
  quotaPreview: {
    name: 'OpenStackQuotaPreview',
    component: OpenStackQuotaPreview,
    validation: validateOpenStackQuotaPreview,
    schema: OpenStackQuotaPreviewFieldSchema,
  },
  costPreview: {
    name: 'OpenStackCostPreview',
    component: OpenStackCostPreview,
    validation: validateOpenStackCostPreview,
    schema: OpenStackCostPreviewFieldSchema,
  },
};
