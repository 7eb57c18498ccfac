import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/**
 * Schema of the pickers whose value is the name of something listed in one
 * cloud and region (flavor, image, network, external network, availability
 * zone, key pair).
 */
export const OpenStackLookupPickerFieldSchema = makeFieldSchema({
  output: z => z.string(),
  uiOptions: z =>
    z.object({
      locationField: z
        .string()
        .optional()
        .describe(
          'Name of the sibling field holding { cloud, region } (an OpenStackCloudRegionPicker); default "location"',
        ),
    }),
});
