import { useEffect } from 'react';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import LinearProgress from '@material-ui/core/LinearProgress';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { errorMessage } from '../common/errors';
import { NativeSelect, PairField } from '../common/PairField';
import {
  namespaceProblem,
  type KubernetesClusterNamespace,
  type KubernetesClusterNamespacePickerUiOptions,
} from './schema';

/** Props of {@link KubernetesClusterNamespacePicker}. */
export type KubernetesClusterNamespacePickerProps =
  FieldExtensionComponentProps<
    KubernetesClusterNamespace,
    KubernetesClusterNamespacePickerUiOptions
  >;

type KubernetesCluster = {
  name: string;
  title?: string;
  authProvider?: string;
};

/** The clusters the Kubernetes backend is configured with. */
function useKubernetesClusters() {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useAsync(async () => {
    const baseUrl = await discoveryApi.getBaseUrl('kubernetes');
    const response = await fetchApi.fetch(`${baseUrl}/clusters`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const body = (await response.json()) as { items?: KubernetesCluster[] };
    return body.items ?? [];
  }, [discoveryApi, fetchApi]);
}

/**
 * A select over the clusters of the Kubernetes backend and a namespace that
 * must be a DNS-1123 label; the value is `{ cluster, namespace }`. A single
 * cluster is chosen automatically.
 *
 * @public
 */
export const KubernetesClusterNamespacePicker = (
  props: KubernetesClusterNamespacePickerProps,
) => {
  const {
    onChange,
    formData,
    uiSchema,
    schema,
    required,
    rawErrors,
    errors,
    idSchema,
    disabled,
    readonly,
  } = props;
  const defaultNamespace = uiSchema?.['ui:options']?.defaultNamespace ?? '';
  const { value: clusters, loading, error } = useKubernetesClusters();
  const cluster = formData?.cluster ?? '';
  const namespace = formData?.namespace ?? defaultNamespace;
  const isDisabled = Boolean(disabled || readonly || uiSchema?.['ui:disabled']);
  const id = idSchema?.$id ?? 'kubernetes-cluster-namespace';

  useEffect(() => {
    if (!clusters) {
      return;
    }
    const known = clusters.some(c => c.name === cluster);
    const next = clusters.length === 1 ? clusters[0].name : '';
    if (!known && next !== cluster) {
      onChange({ cluster: next, namespace });
    } else if (formData?.namespace === undefined && namespace) {
      // Hold the default namespace from the start, so validation sees it.
      onChange({ cluster, namespace });
    }
  }, [clusters, cluster, namespace, formData, onChange]);

  const problem = namespace ? namespaceProblem(namespace) : undefined;
  const hasErrors = Boolean(rawErrors?.length);

  return (
    <PairField
      title={schema?.title}
      description={uiSchema?.['ui:description'] ?? schema?.description}
      rawErrors={rawErrors}
      errors={errors}
      required={required}
      disabled={isDisabled}
      pair={[
        <NativeSelect
          id={`${id}-cluster`}
          label="Cluster"
          placeholder="Choose a cluster"
          options={(clusters ?? []).map(c => ({
            value: c.name,
            label: c.title ?? c.name,
          }))}
          value={cluster}
          onChange={next => onChange({ cluster: next, namespace })}
          required={required}
          error={hasErrors && !cluster}
          disabled={isDisabled || !clusters?.length}
        />,
        <TextField
          id={`${id}-namespace`}
          fullWidth
          label="Namespace"
          margin="dense"
          variant="outlined"
          required={required}
          disabled={isDisabled}
          value={namespace}
          error={Boolean(problem) || (hasErrors && !namespace)}
          helperText={problem}
          onChange={event =>
            onChange({ cluster, namespace: event.target.value })
          }
        />,
      ]}
    >
      {loading && <LinearProgress aria-label="Loading clusters" />}
      {error && (
        <Alert severity="error">{`Could not load the Kubernetes clusters: ${errorMessage(
          error,
        )}`}</Alert>
      )}
      {clusters && !clusters.length && (
        <Alert severity="warning">
          No Kubernetes clusters are configured in Backstage
        </Alert>
      )}
    </PairField>
  );
};
