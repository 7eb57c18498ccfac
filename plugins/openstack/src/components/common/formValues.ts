import { useMemo } from 'react';

/**
 * Value of the `OpenStackCloudRegionPicker` field: where the other OpenStack
 * fields look things up.
 *
 * @public
 */
export type OpenStackLocation = {
  cloud: string;
  region: string;
  /**
   * The project (as the backend's `/clouds` names it) in which to look up and
   * create; absent when the cloud offers the user a single project.
   */
  project?: string;
};

/** The field other OpenStack fields read the location from, by default. */
export const DEFAULT_LOCATION_FIELD = 'location';

/**
 * Reads a value of the whole form by field name; a dotted name (`infra.location`)
 * reads inside object fields.
 */
export function readFormValue(formData: unknown, field: string): unknown {
  let current: unknown = formData;
  for (const key of field.split('.')) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A complete location (both cloud and region chosen), or undefined. */
export function asLocation(value: unknown): OpenStackLocation | undefined {
  if (value === null || typeof value !== 'object') {
    return undefined;
  }
  const { cloud, region, project } = value as Partial<Record<string, unknown>>;
  if (typeof cloud !== 'string' || typeof region !== 'string') {
    return undefined;
  }
  if (!cloud || !region) {
    return undefined;
  }
  return typeof project === 'string' && project
    ? { cloud, region, project }
    : { cloud, region };
}

/** "lab / RegionOne", or "lab / RegionOne / team-a" with a project. */
export function describeLocation(location: OpenStackLocation) {
  const where = `${location.cloud} / ${location.region}`;
  return location.project ? `${where} / ${location.project}` : where;
}

/**
 * The location chosen in the sibling field named by `locationField`, read from
 * `formContext.formData` (the data of the whole form, across steps). The
 * returned object is stable while cloud, region and project stay the same.
 */
export function useFormLocation(
  formContext: { formData?: unknown } | undefined,
  locationField: string | undefined,
): { location?: OpenStackLocation; field: string } {
  const field = locationField || DEFAULT_LOCATION_FIELD;
  const location = asLocation(readFormValue(formContext?.formData, field));
  const cloud = location?.cloud;
  const region = location?.region;
  const project = location?.project;
  return useMemo(
    () => ({
      field,
      location:
        cloud && region ? asLocation({ cloud, region, project }) : undefined,
    }),
    [field, cloud, region, project],
  );
}
