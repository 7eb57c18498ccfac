import { useEffect } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { OpenStackCloudSummary } from '@canopy-idp/plugin-openstack-common';
import LinearProgress from '@material-ui/core/LinearProgress';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { openstackApiRef } from '../../api';
import { errorMessage } from '../common/errors';
import { NotConfiguredAlert } from '../common/NotConfigured';
import { NativeSelect, PairField } from '../common/PairField';
import type { OpenStackLocation } from '../common/formValues';

/** Props of {@link OpenStackCloudRegionPicker}. */
export type OpenStackCloudRegionPickerProps = FieldExtensionComponentProps<
  OpenStackLocation,
  {}
>;

/**
 * The location a choice of cloud and region leads to: a region that is not in
 * the cloud is dropped, the only region of a cloud is taken.
 */
function locate(
  clouds: OpenStackCloudSummary[],
  cloud: string,
  region: string,
): OpenStackLocation | undefined {
  const found = clouds.find(c => c.name === cloud);
  if (!found) {
    return undefined;
  }
  if (found.regions.includes(region)) {
    return { cloud, region };
  }
  return {
    cloud,
    region: found.regions.length === 1 ? found.regions[0] : '',
  };
}

/**
 * Two selects, cloud then region, over the clouds configured in the OpenStack
 * backend; the value is `{ cloud, region }`. A single cloud or region is chosen
 * automatically.
 *
 * @public
 */
export const OpenStackCloudRegionPicker = (
  props: OpenStackCloudRegionPickerProps,
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
  const api = useApi(openstackApiRef);
  const { value, loading, error } = useAsync(() => api.listClouds(), [api]);
  const clouds = value?.items;
  const cloud = formData?.cloud ?? '';
  const region = formData?.region ?? '';
  const isDisabled = Boolean(disabled || readonly || uiSchema?.['ui:disabled']);
  const id = idSchema?.$id ?? 'openstack-location';

  useEffect(() => {
    if (!clouds) {
      return;
    }
    const next =
      locate(clouds, cloud, region) ??
      (clouds.length === 1 ? locate(clouds, clouds[0].name, '') : undefined);
    if ((next?.cloud ?? '') !== cloud || (next?.region ?? '') !== region) {
      onChange(next);
    }
  }, [clouds, cloud, region, onChange]);

  const chosen = clouds?.find(c => c.name === cloud);
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
          id={`${id}-cloud`}
          label="Cloud"
          placeholder="Choose a cloud"
          options={(clouds ?? []).map(c => ({ value: c.name, label: c.name }))}
          value={cloud}
          onChange={next => onChange(locate(clouds ?? [], next, region))}
          required={required}
          error={hasErrors && !cloud}
          disabled={isDisabled || !clouds?.length}
        />,
        <NativeSelect
          id={`${id}-region`}
          label="Region"
          placeholder={chosen ? 'Choose a region' : 'Choose a cloud first'}
          options={(chosen?.regions ?? []).map(r => ({ value: r, label: r }))}
          value={region}
          onChange={next => onChange({ cloud, region: next })}
          required={required}
          error={hasErrors && !region}
          disabled={isDisabled || !chosen?.regions.length}
        />,
      ]}
    >
      {loading && <LinearProgress aria-label="Loading clouds" />}
      {error && (
        <Alert severity="error">{`Could not load the OpenStack clouds: ${errorMessage(
          error,
        )}`}</Alert>
      )}
      {clouds && !clouds.length && <NotConfiguredAlert />}
      {chosen && !chosen.regions.length && (
        <Alert severity="warning">{`Cloud ${chosen.name} has no regions configured`}</Alert>
      )}
    </PairField>
  );
};
