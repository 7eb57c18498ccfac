import { KubernetesClusterNamespacePicker } from './KubernetesClusterNamespacePicker';
import {
  KubernetesClusterNamespacePickerFieldSchema,
  validateKubernetesClusterNamespace,
} from './schema';

/** The field as both frontend systems register it (`ui:field` name first). */
export const kubernetesClusterNamespacePickerField = {
  name: 'KubernetesClusterNamespacePicker',
  component: KubernetesClusterNamespacePicker,
  validation: validateKubernetesClusterNamespace,
  schema: KubernetesClusterNamespacePickerFieldSchema,
};
