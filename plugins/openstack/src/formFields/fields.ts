import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  KubernetesClusterNamespacePicker,
  KubernetesClusterNamespacePickerFieldSchema,
  OpenStackAvailabilityZonePicker,
  OpenStackCloudRegionPicker,
  OpenStackCloudRegionPickerFieldSchema,
  OpenStackExternalNetworkPicker,
  OpenStackFlavorPicker,
  OpenStackImagePicker,
  OpenStackKeyPairPicker,
  OpenStackLookupPickerFieldSchema,
  OpenStackNetworkPicker,
  OpenStackQuotaPreview,
  OpenStackQuotaPreviewFieldSchema,
  validateKubernetesClusterNamespace,
  validateOpenStackCloudRegion,
  validateOpenStackQuotaPreview,
} from '../components';

// The form fields of the new frontend system, loaded when the scaffolder
// first needs its fields (see ./blueprints.ts).

export const cloudRegionPicker = createFormField({
  name: 'OpenStackCloudRegionPicker',
  component: OpenStackCloudRegionPicker,
  validation: validateOpenStackCloudRegion,
  schema: OpenStackCloudRegionPickerFieldSchema,
});

export const flavorPicker = createFormField({
  name: 'OpenStackFlavorPicker',
  component: OpenStackFlavorPicker,
  schema: OpenStackLookupPickerFieldSchema,
});

export const imagePicker = createFormField({
  name: 'OpenStackImagePicker',
  component: OpenStackImagePicker,
  schema: OpenStackLookupPickerFieldSchema,
});

export const networkPicker = createFormField({
  name: 'OpenStackNetworkPicker',
  component: OpenStackNetworkPicker,
  schema: OpenStackLookupPickerFieldSchema,
});

export const externalNetworkPicker = createFormField({
  name: 'OpenStackExternalNetworkPicker',
  component: OpenStackExternalNetworkPicker,
  schema: OpenStackLookupPickerFieldSchema,
});

export const availabilityZonePicker = createFormField({
  name: 'OpenStackAvailabilityZonePicker',
  component: OpenStackAvailabilityZonePicker,
  schema: OpenStackLookupPickerFieldSchema,
});

export const keyPairPicker = createFormField({
  name: 'OpenStackKeyPairPicker',
  component: OpenStackKeyPairPicker,
  schema: OpenStackLookupPickerFieldSchema,
});

export const quotaPreview = createFormField({
  name: 'OpenStackQuotaPreview',
  component: OpenStackQuotaPreview,
  validation: validateOpenStackQuotaPreview,
  schema: OpenStackQuotaPreviewFieldSchema,
});

export const kubernetesClusterNamespacePicker = createFormField({
  name: 'KubernetesClusterNamespacePicker',
  component: KubernetesClusterNamespacePicker,
  validation: validateKubernetesClusterNamespace,
  schema: KubernetesClusterNamespacePickerFieldSchema,
});
