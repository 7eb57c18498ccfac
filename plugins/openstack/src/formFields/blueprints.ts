import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';

// Each attaches to the scaffolder's `api:scaffolder/form-fields` (input
// `formFields`) and loads its field lazily, with the others, on first use.

/** @alpha */
export const openstackCloudRegionPickerFormField = FormFieldBlueprint.make({
  name: 'cloud-region-picker',
  params: {
    field: () => import('./fields').then(m => m.cloudRegionPicker),
  },
});

/** @alpha */
export const openstackFlavorPickerFormField = FormFieldBlueprint.make({
  name: 'flavor-picker',
  params: { field: () => import('./fields').then(m => m.flavorPicker) },
});

/** @alpha */
export const openstackImagePickerFormField = FormFieldBlueprint.make({
  name: 'image-picker',
  params: { field: () => import('./fields').then(m => m.imagePicker) },
});

/** @alpha */
export const openstackNetworkPickerFormField = FormFieldBlueprint.make({
  name: 'network-picker',
  params: { field: () => import('./fields').then(m => m.networkPicker) },
});

/** @alpha */
export const openstackExternalNetworkPickerFormField = FormFieldBlueprint.make({
  name: 'external-network-picker',
  params: {
    field: () => import('./fields').then(m => m.externalNetworkPicker),
  },
});

/** @alpha */
export const openstackAvailabilityZonePickerFormField = FormFieldBlueprint.make(
  {
    name: 'availability-zone-picker',
    params: {
      field: () => import('./fields').then(m => m.availabilityZonePicker),
    },
  },
);

/** @alpha */
export const openstackKeyPairPickerFormField = FormFieldBlueprint.make({
  name: 'key-pair-picker',
  params: { field: () => import('./fields').then(m => m.keyPairPicker) },
});

/** @alpha */
export const openstackQuotaPreviewFormField = FormFieldBlueprint.make({
  name: 'quota-preview',
  params: { field: () => import('./fields').then(m => m.quotaPreview) },
});

/**
 * Every form field of the plugin, in the order they are registered.
 *
 * @alpha
 */
export const openstackFormFields = [
  openstackCloudRegionPickerFormField,
  openstackFlavorPickerFormField,
  openstackImagePickerFormField,
  openstackNetworkPickerFormField,
  openstackExternalNetworkPickerFormField,
  openstackAvailabilityZonePickerFormField,
  openstackKeyPairPickerFormField,
  openstackQuotaPreviewFormField,
];
