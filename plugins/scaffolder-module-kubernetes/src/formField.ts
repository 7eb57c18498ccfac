import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { kubernetesClusterNamespacePickerField } from './field';

/** The field for the new frontend system, loaded on the form's first use. */
export const formField = createFormField(kubernetesClusterNamespacePickerField);
