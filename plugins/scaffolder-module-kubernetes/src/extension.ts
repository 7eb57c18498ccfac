import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';

/**
 * The `KubernetesClusterNamespacePicker` form field
 * (`scaffolder-form-field:scaffolder/kubernetes-cluster-namespace-picker`):
 * attaches to the scaffolder's `api:scaffolder/form-fields` and loads on
 * first use.
 */
export const kubernetesClusterNamespacePickerFormField =
  FormFieldBlueprint.make({
    name: 'kubernetes-cluster-namespace-picker',
    params: { field: () => import('./formField').then(m => m.formField) },
  });
