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
  const { cloud, region } = value as Partial<Record<string, unknown>>;
  if (typeof cloud !== 'string' || typeof region !== 'string') {
    return undefined;
  }
  if (!cloud || !region) {
    return undefined;
  }
  return { cloud, region };
}

/** "lab / RegionOne" */
export function describeLocation(location: OpenStackLocation) {
  return `${location.cloud} / ${location.region}`;
}

/**
 * The location chosen in the sibling field named by `locationField`, read from
 * `formContext.formData` (the data of the whole form, across steps). The
 * returned object is stable while cloud and region stay the same.
 */
export function useFormLocation(
  formContext: { formData?: unknown } | undefined,
  locationField: string | undefined,
): { location?: OpenStackLocation; field: string } {
  const field = locationField || DEFAULT_LOCATION_FIELD;
  const location = asLocation(readFormValue(formContext?.formData, field));
  const cloud = location?.cloud;
  const region = location?.region;
  return useMemo(
    () => ({
      field,
      location: cloud && region ? { cloud, region } : undefined,
    }),
    [field, cloud, region],
  );
}
