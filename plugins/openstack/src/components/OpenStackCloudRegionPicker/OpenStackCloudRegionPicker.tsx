import { useEffect } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { OpenStackCloudSummary } from '@canopy-idp/plugin-openstack-common';
import LinearProgress from '@material-ui/core/LinearProgress';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { openstackApiRef } from '../../api';
import { errorMessage } from '@canopy-idp/frontend-common';
import { NoProjectsAlert } from '../common/NotConfigured';
import { fieldFrame } from '../common/fieldFrame';
import { NativeSelect, PartsField } from '../common/PartsField';
import type { OpenStackLocation } from '../common/formValues';

/** Props of {@link OpenStackCloudRegionPicker}. */
export type OpenStackCloudRegionPickerProps = FieldExtensionComponentProps<
  OpenStackLocation,
  {}
>;

/** The choice kept when it is offered, else the only offer, else none. */
const keep = (offered: string[], chosen: string | undefined) => {
  if (chosen && offered.includes(chosen)) return chosen;
  return offered.length === 1 ? offered[0] : '';
};

/**
 * The location a choice of cloud, region and project leads to: a region or
 * project that is not offered in the cloud is dropped, a single one is taken.
 */
function locate(
  clouds: OpenStackCloudSummary[],
  cloud: string,
  region: string,
  project: string | undefined,
): OpenStackLocation | undefined {
  const found = clouds.find(c => c.name === cloud);
  if (!found) {
    return undefined;
  }
  return {
    cloud,
    region: keep(found.regions, region),
    project: keep(
      found.projects.map(p => p.name),
      project,
    ),
  };
}

const same = (a: OpenStackLocation | undefined, b: OpenStackLocation) =>
  (a?.cloud ?? '') === b.cloud &&
  (a?.region ?? '') === b.region &&
  (a?.project ?? '') === (b.project ?? '');

/**
 * Three selects, cloud, region and project, over what the OpenStack backend
 * offers the signed-in user: only the clouds and projects whose owners include
 * the user or one of their groups. The value is `{ cloud, region, project }`;
 * a single cloud, region or project is chosen automatically.
 *
 * @public
 */
export const OpenStackCloudRegionPicker = (
  props: OpenStackCloudRegionPickerProps,
) => {
  const { onChange, formData, schema, required, rawErrors, idSchema } = props;
  const frame = fieldFrame(props);
  const api = useApi(openstackApiRef);
  const { value, loading, error } = useAsync(() => api.listClouds(), [api]);
  const clouds = value?.items;
  const current = {
    cloud: formData?.cloud ?? '',
    region: formData?.region ?? '',
    project: formData?.project ?? '',
  };
  const { cloud, region, project } = current;
  const isDisabled = frame.disabled;
  const id = idSchema?.$id ?? 'openstack-location';

  useEffect(() => {
    if (!clouds) {
      return;
    }
    const next =
      locate(clouds, cloud, region, project) ??
      (clouds.length === 1
        ? locate(clouds, clouds[0].name, '', undefined)
        : undefined);
    if (!same(next, { cloud, region, project })) {
      onChange(next);
    }
  }, [clouds, cloud, region, project, onChange]);

  const chosen = clouds?.find(c => c.name === cloud);
  const hasErrors = Boolean(rawErrors?.length);
  const choose = (change: Partial<OpenStackLocation>) => {
    const next = { ...current, ...change };
    onChange(locate(clouds ?? [], next.cloud, next.region, next.project));
  };
  /** The select of one part, offering the given names (none yet: disabled). */
  const select = (
    part: keyof typeof current,
    label: string,
    placeholder: string,
    names: string[] = [],
  ) => (
    <NativeSelect
      id={`${id}-${part}`}
      label={label}
      placeholder={placeholder}
      options={names.map(name => ({ value: name, label: name }))}
      value={current[part]}
      onChange={next => choose({ [part]: next })}
      required={required}
      error={hasErrors && !current[part]}
      disabled={isDisabled || !names.length}
    />
  );

  return (
    <PartsField
      title={schema?.title}
      frame={frame}
      parts={[
        select(
          'cloud',
          'Cloud',
          'Choose a cloud',
          clouds?.map(c => c.name),
        ),
        select(
          'region',
          'Region',
          chosen ? 'Choose a region' : 'Choose a cloud first',
          chosen?.regions,
        ),
        select(
          'project',
          'Project',
          chosen ? 'Choose a project' : 'Choose a cloud first',
          chosen?.projects.map(p => p.name),
        ),
      ]}
    >
      {loading && <LinearProgress aria-label="Loading clouds" />}
      {error && (
        <Alert severity="error">{`Could not load the OpenStack clouds: ${errorMessage(
          error,
        )}`}</Alert>
      )}
      {clouds && !clouds.length && <NoProjectsAlert />}
      {chosen && !chosen.regions.length && (
        <Alert severity="warning">{`Cloud ${chosen.name} has no regions configured`}</Alert>
      )}
    </PartsField>
  );
};
