import {
  makeFieldSchema,
  type CustomFieldValidator,
} from '@backstage/plugin-scaffolder-react';

/**
 * Value of the `KubernetesClusterNamespacePicker` field.
 *
 * @public
 */
export type KubernetesClusterNamespace = {
  cluster: string;
  namespace: string;
};

/**
 * `ui:options` of the `KubernetesClusterNamespacePicker` field.
 *
 * @public
 */
export type KubernetesClusterNamespacePickerUiOptions = {
  /** Namespace filled in until the user types another. */
  defaultNamespace?: string;
};

/** Schema of the `KubernetesClusterNamespacePicker` field. */
export const KubernetesClusterNamespacePickerFieldSchema = makeFieldSchema({
  output: z =>
    z.object({
      cluster: z
        .string()
        .describe('Name of a cluster configured in the Kubernetes plugin'),
      namespace: z.string().describe('A DNS-1123 label'),
    }),
  uiOptions: z =>
    z.object({
      defaultNamespace: z
        .string()
        .optional()
        .describe('Namespace filled in until the user types another'),
    }),
});

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Why a namespace is not a DNS-1123 label, or undefined when it is one.
 */
export function namespaceProblem(namespace: string): string | undefined {
  if (!namespace) {
    return 'Enter a namespace';
  }
  if (namespace.length > 63 || !DNS_1123_LABEL.test(namespace)) {
    return `"${namespace}" is not a valid namespace: it must be a DNS-1123 label (at most 63 characters: lowercase letters, digits and '-', starting and ending with a letter or digit)`;
  }
  return undefined;
}

/** A cluster must be chosen and the namespace must be a DNS-1123 label. */
export const validateKubernetesClusterNamespace: CustomFieldValidator<
  KubernetesClusterNamespace,
  KubernetesClusterNamespacePickerUiOptions
> = (data, fieldValidation) => {
  const value = data as Partial<KubernetesClusterNamespace> | undefined;
  if (!value) {
    return;
  }
  if (!value.cluster) {
    fieldValidation.addError('Choose a cluster');
  }
  const problem = namespaceProblem(value.namespace ?? '');
  if (problem) {
    fieldValidation.addError(problem);
  }
};
