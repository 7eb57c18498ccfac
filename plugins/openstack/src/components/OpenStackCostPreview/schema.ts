import {
  makeFieldSchema,
  type CustomFieldValidator,
} from '@backstage/plugin-scaffolder-react';
import type { OpenStackQuotaPreviewUiOptions } from '../OpenStackQuotaPreview/schema';

/**
 * Value of the `OpenStackCostPreview` field: the estimate's totals, and the
 * budget verdict the step's validation blocks on.
 *
 * @public
 */
export type OpenStackCostPreviewValue = {
  currency: string;
  hourly: number;
  monthly: number;
  /** Set when the request would go over the project's monthly budget, saying by how much. */
  overBudget?: string;
  /** True when it would, and the form gave an override reason. */
  overridden?: boolean;
};

/**
 * `ui:options` of the `OpenStackCostPreview` field: the sibling fields it
 * reads the request from (as `OpenStackQuotaPreview` does), and what the
 * template adds that no field holds.
 *
 * @public
 */
export type OpenStackCostPreviewUiOptions = OpenStackQuotaPreviewUiOptions & {
  /** Field holding the volume type of the volumes. */
  volumeTypeField?: string;
  /** Floating IPs the request makes besides the servers' (e.g. a load balancer's). */
  floatingIps?: number;
  /** Boolean field: true adds one floating IP not attached to a server (e.g. a load balancer's). */
  extraFloatingIpField?: string;
  /** Load balancers the request makes. */
  loadBalancers?: number;
  /** Networks (each with its subnets) the request makes. */
  networks?: number;
  /** Field whose value, when set, adds one router (e.g. the external network a router connects to). */
  routerField?: string;
  /**
   * Field holding a reason to go over the project's monthly budget; only for
   * templates whose server-side check allows an override.
   */
  budgetOverrideReasonField?: string;
};

/** Schema of the `OpenStackCostPreview` field. */
export const OpenStackCostPreviewFieldSchema = makeFieldSchema({
  output: z =>
    z.object({
      currency: z.string().describe('ISO 4217 code; empty when not priced'),
      hourly: z.number(),
      monthly: z.number().describe('The hourly price times 730 hours'),
      overBudget: z
        .string()
        .optional()
        .describe("Why the request would go over the project's monthly budget"),
      overridden: z.boolean().optional(),
    }),
  uiOptions: z =>
    z.object({
      locationField: z.string().optional(),
      flavorField: z.string().optional(),
      countField: z.string().optional(),
      volumeFields: z.array(z.string()).optional(),
      floatingIpField: z.string().optional(),
      extraVolumeFields: z.array(z.string()).optional(),
      volumeTypeField: z
        .string()
        .optional()
        .describe('Field holding the volume type of the volumes'),
      networks: z
        .number()
        .optional()
        .describe('Networks (each with its subnets) the request makes'),
      routerField: z
        .string()
        .optional()
        .describe(
          'Field whose value, when set, adds one router (e.g. the external network a router connects to)',
        ),
      floatingIps: z
        .number()
        .optional()
        .describe("Floating IPs besides the servers' (e.g. a load balancer's)"),
      extraFloatingIpField: z
        .string()
        .optional()
        .describe(
          "Boolean field: true adds one floating IP not attached to a server (e.g. a load balancer's)",
        ),
      loadBalancers: z.number().optional().describe('Load balancers made'),
      budgetOverrideReasonField: z
        .string()
        .optional()
        .describe(
          "Field holding a reason to go over the project's monthly budget",
        ),
    }),
});

/** Blocks the step while the request is over the budget without an override. */
export const validateOpenStackCostPreview: CustomFieldValidator<
  OpenStackCostPreviewValue,
  OpenStackCostPreviewUiOptions
> = (data, fieldValidation) => {
  const value = data as Partial<OpenStackCostPreviewValue> | undefined;
  if (value?.overBudget && !value.overridden) {
    fieldValidation.addError(
      `This request exceeds the monthly budget: ${value.overBudget}`,
    );
  }
};
