import {
  makeFieldSchema,
  type CustomFieldValidator,
} from '@backstage/plugin-scaffolder-react';
import {
  describeQuotaViolations,
  type OpenStackQuotaViolation,
} from '@canopy-idp/plugin-openstack-common';

/**
 * Value of the `OpenStackQuotaPreview` field.
 *
 * @public
 */
export type OpenStackQuotaPreviewValue = {
  /** Whether the request fits in every quota the cloud reports. */
  ok: boolean;
  violations: OpenStackQuotaViolation[];
};

/**
 * `ui:options` of the `OpenStackQuotaPreview` field: the names of the sibling
 * fields it reads the request from.
 *
 * @public
 */
export type OpenStackQuotaPreviewUiOptions = {
  /** Field holding `{ cloud, region }`; default `location`. */
  locationField?: string;
  /**
   * Field holding the flavor name; default `flavor`. Without a chosen flavor
   * no servers are counted; naming the field here makes the preview wait for
   * it instead.
   */
  flavorField?: string;
  /** Field holding the number of servers; default `count` (missing means 1). */
  countField?: string;
  /** Integer fields in GiB, each a volume per server (0 means none). */
  volumeFields?: string[];
  /** Boolean field: true gives each server a floating IP. */
  floatingIpField?: string;
  /** Integer fields in GiB, each one volume not attached to a server. */
  extraVolumeFields?: string[];
};

/** Schema of the `OpenStackQuotaPreview` field. */
export const OpenStackQuotaPreviewFieldSchema = makeFieldSchema({
  output: z =>
    z.object({
      ok: z
        .boolean()
        .describe('Whether the request fits in the remaining quota'),
      violations: z
        .array(
          z.object({
            limit: z.enum([
              'instances',
              'cores',
              'ramMiB',
              'volumes',
              'gigabytes',
              'floatingIps',
            ]),
            quota: z.string(),
            requested: z.number(),
            remaining: z.number(),
            exceededBy: z.number(),
          }),
        )
        .describe('The quotas the request exceeds'),
    }),
  uiOptions: z =>
    z.object({
      locationField: z
        .string()
        .optional()
        .describe('Field holding { cloud, region }; default "location"'),
      flavorField: z
        .string()
        .optional()
        .describe(
          'Field holding the flavor name; default "flavor". Without a chosen flavor no servers are counted; naming the field makes the preview wait for it',
        ),
      countField: z
        .string()
        .optional()
        .describe(
          'Field holding the number of servers; default "count" (a missing field means 1)',
        ),
      volumeFields: z
        .array(z.string())
        .optional()
        .describe(
          'Integer fields in GiB, each a volume per server (0 means none)',
        ),
      floatingIpField: z
        .string()
        .optional()
        .describe('Boolean field: true gives each server a floating IP'),
      extraVolumeFields: z
        .array(z.string())
        .optional()
        .describe(
          'Integer fields in GiB, each one volume not attached to a server',
        ),
    }),
});

/**
 * Blocks the step while the request exceeds the quota, naming each limit.
 */
export const validateOpenStackQuotaPreview: CustomFieldValidator<
  OpenStackQuotaPreviewValue,
  OpenStackQuotaPreviewUiOptions
> = (data, fieldValidation) => {
  const value = data as Partial<OpenStackQuotaPreviewValue> | undefined;
  // Not checked (yet): whether the field is required decides.
  if (value?.ok === false) {
    fieldValidation.addError(
      value.violations?.length
        ? `This request exceeds the project's quota: ${describeQuotaViolations(
            value.violations,
          )}`
        : "This request exceeds the project's quota",
    );
  }
};
