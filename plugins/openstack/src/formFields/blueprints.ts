import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';

// Each attaches to the scaffolder's `api:scaffolder/form-fields` (input
// `formFields`) and loads its field lazily, with the others, on first use.

/** The extension of one field of ./fields.ts, named `name`. */
const formField = <TName extends string>(
  name: TName,
  field: keyof typeof import('./fields'),
) =>
  FormFieldBlueprint.make({
    name,
    params: { field: () => import('./fields').then(m => m[field]) },
  });

/** @alpha */
export const openstackCloudRegionPickerFormField = formField(
  'cloud-region-picker',
  'cloudRegionPicker',
);

/** @alpha */
export const openstackFlavorPickerFormField = formField(
  'flavor-picker',
  'flavorPicker',
);

/** @alpha */
export const openstackImagePickerFormField = formField(
  'image-picker',
  'imagePicker',
);

/** @alpha */
export const openstackNetworkPickerFormField = formField(
  'network-picker',
  'networkPicker',
);

/** @alpha */
export const openstackExternalNetworkPickerFormField = formField(
  'external-network-picker',
  'externalNetworkPicker',
);

/** @alpha */
export const openstackAvailabilityZonePickerFormField = formField(
  'availability-zone-picker',
  'availabilityZonePicker',
);

/** @alpha */
export const openstackKeyPairPickerFormField = formField(
  'key-pair-picker',
  'keyPairPicker',
);

/** @alpha */
export const openstackQuotaPreviewFormField = formField(
  'quota-preview',
  'quotaPreview',
);

/** @alpha */
export const openstackCostPreviewFormField = formField(
  'cost-preview',
  'costPreview',
);

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
  openstackCostPreviewFormField,
];
