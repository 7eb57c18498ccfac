import {
  makeFieldSchema,
  type CustomFieldValidator,
} from '@backstage/plugin-scaffolder-react';
import type { OpenStackLocation } from '../common/formValues';

/** Schema of the `OpenStackCloudRegionPicker` field. */
export const OpenStackCloudRegionPickerFieldSchema = makeFieldSchema({
  output: z =>
    z.object({
      cloud: z.string().describe('Name of a cloud configured in Canopy'),
      region: z.string().describe('One of the regions of that cloud'),
      project: z
        .string()
        .describe(
          'One of your projects in that cloud (as the backend names it)',
        ),
    }),
});

/** Every part of a location must be chosen once one is. */
export const validateOpenStackCloudRegion: CustomFieldValidator<
  OpenStackLocation,
  {}
> = (data, fieldValidation) => {
  const value = data as Partial<OpenStackLocation> | undefined;
  if (!value) {
    return;
  }
  if (!value.cloud) {
    fieldValidation.addError('Choose a cloud');
  } else if (!value.region) {
    fieldValidation.addError(`Choose a region of cloud ${value.cloud}`);
  } else if (!value.project) {
    fieldValidation.addError(
      `Choose one of your projects in cloud ${value.cloud}`,
    );
  }
};
