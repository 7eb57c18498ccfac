import { ChangeEvent, useEffect } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  kubernetesApiRef,
  type KubernetesApi,
} from '@backstage/plugin-kubernetes-react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { ScaffolderField } from '@backstage/plugin-scaffolder-react/alpha';
import Box from '@material-ui/core/Box';
import FormLabel from '@material-ui/core/FormLabel';
import LinearProgress from '@material-ui/core/LinearProgress';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import {
  namespaceProblem,
  type KubernetesClusterNamespace,
  type KubernetesClusterNamespacePickerUiOptions,
} from './schema';

/**
 * Props of {@link KubernetesClusterNamespacePicker}.
 *
 * @public
 */
export type KubernetesClusterNamespacePickerProps =
  FieldExtensionComponentProps<
    KubernetesClusterNamespace,
    KubernetesClusterNamespacePickerUiOptions
  >;

/** A cluster as the Kubernetes backend lists it (`title` when configured). */
type Cluster = Awaited<ReturnType<KubernetesApi['getClusters']>>[number] & {
  title?: string;
};

/**
 * A select over the clusters of the Kubernetes plugin (`kubernetesApiRef`)
 * and a namespace that must be a DNS-1123 label; the value is
 * `{ cluster, namespace }`. A single cluster is chosen automatically.
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
  const kubernetesApi = useApi(kubernetesApiRef);
  const {
    value: clusters,
    loading,
    error,
  } = useAsync(
    async (): Promise<Cluster[]> => kubernetesApi.getClusters(),
    [kubernetesApi],
  );
  const defaultNamespace = uiSchema?.['ui:options']?.defaultNamespace ?? '';
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
    <ScaffolderField
      rawErrors={rawErrors}
      rawDescription={uiSchema?.['ui:description'] ?? schema?.description}
      required={required}
      disabled={isDisabled}
      errors={errors}
    >
      {schema?.title && (
        <FormLabel component="legend">{schema.title}</FormLabel>
      )}
      <Box display="flex" style={{ gap: 16 }}>
        <TextField
          id={`${id}-cluster`}
          select
          fullWidth
          label="Cluster"
          margin="dense"
          variant="outlined"
          required={required}
          error={hasErrors && !cluster}
          disabled={isDisabled || !clusters?.length}
          value={cluster}
          onChange={(event: ChangeEvent<{ value: unknown }>) =>
            onChange({ cluster: String(event.target.value), namespace })
          }
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
        >
          <option value="" disabled>
            Choose a cluster
          </option>
          {(clusters ?? []).map(c => (
            <option key={c.name} value={c.name}>
              {c.title ?? c.name}
            </option>
          ))}
        </TextField>
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
        />
      </Box>
      {loading && <LinearProgress aria-label="Loading clusters" />}
      {error && (
        <Alert severity="error">{`Could not load the Kubernetes clusters: ${error.message}`}</Alert>
      )}
      {clusters && !clusters.length && (
        <Alert severity="warning">
          No Kubernetes clusters are configured in Backstage
        </Alert>
      )}
    </ScaffolderField>
  );
};
