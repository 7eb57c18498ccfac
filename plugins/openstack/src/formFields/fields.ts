import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { fieldDefinitions as d } from './definitions';

// The form fields of the new frontend system, loaded when the scaffolder
// first needs its fields (see ./blueprints.ts).

export const cloudRegionPicker = createFormField(d.cloudRegionPicker);

export const flavorPicker = createFormField(d.flavorPicker);

export const imagePicker = createFormField(d.imagePicker);

export const networkPicker = createFormField(d.networkPicker);

export const externalNetworkPicker = createFormField(d.externalNetworkPicker);

export const availabilityZonePicker = createFormField(d.availabilityZonePicker);

export const keyPairPicker = createFormField(d.keyPairPicker);

export const quotaPreview = createFormField(d.quotaPreview);

export const costPreview = createFormField(d.costPreview);
