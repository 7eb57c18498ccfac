/**
 * A scaffolder form field that picks a Kubernetes cluster, from the
 * Kubernetes plugin's `kubernetesApiRef`, and a namespace.
 *
 * @packageDocumentation
 */

import { scaffolderPlugin } from '@backstage/plugin-scaffolder';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { kubernetesClusterNamespacePickerField as field } from './field';

export { KubernetesClusterNamespacePicker } from './KubernetesClusterNamespacePicker';
export type { KubernetesClusterNamespacePickerProps } from './KubernetesClusterNamespacePicker';
export type {
  KubernetesClusterNamespace,
  KubernetesClusterNamespacePickerUiOptions,
} from './schema';

/**
 * Scaffolder field `KubernetesClusterNamespacePicker` for legacy apps: value
 * `{ cluster, namespace }`.
 *
 * @public
 */
export const KubernetesClusterNamespacePickerFieldExtension =
  scaffolderPlugin.provide(
    createScaffolderFieldExtension({
      ...field,
      schema: field.schema.schema,
    }),
  );
