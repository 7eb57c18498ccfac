import {
  quotaRequestFor,
  quotaViolations,
  type OpenStackFlavor,
  type OpenStackQuotaHeadroom,
  type OpenStackQuotaRequest,
  type OpenStackQuotaSpec,
  type OpenStackQuotaViolation,
} from '@canopy-idp/plugin-openstack-common';
import { readFormValue } from '../common/formValues';
import type { OpenStackQuotaPreviewUiOptions } from './schema';

/** What the form asks for, read from the sibling fields. */
export type QuotaInputs = {
  flavor?: string;
  /** Whether servers must be counted: ui:options names a flavor field. */
  needsFlavor: boolean;
  /** Undefined when the count field holds something that is not a count. */
  count?: number;
  volumesGiB: number[];
  floatingIp: boolean;
  extraVolumesGiB: number[];
};

function size(raw: unknown): number {
  const n = typeof raw === 'string' && raw.trim() ? Number(raw) : raw;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;
}

function count(raw: unknown): number | undefined {
  if (raw === undefined || raw === null || raw === '') {
    return 1;
  }
  const n = typeof raw === 'string' ? Number(raw) : raw;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** Reads the request from the whole form's data, as the ui:options say. */
export function readQuotaInputs(
  formData: unknown,
  options: OpenStackQuotaPreviewUiOptions,
): QuotaInputs {
  const flavor = readFormValue(formData, options.flavorField || 'flavor');
  const floatingIp = options.floatingIpField
    ? readFormValue(formData, options.floatingIpField)
    : false;
  return {
    flavor: typeof flavor === 'string' && flavor ? flavor : undefined,
    needsFlavor: Boolean(options.flavorField),
    count: count(readFormValue(formData, options.countField || 'count')),
    volumesGiB: (options.volumeFields ?? []).map(f =>
      size(readFormValue(formData, f)),
    ),
    floatingIp: floatingIp === true || floatingIp === 'true',
    extraVolumesGiB: (options.extraVolumeFields ?? []).map(f =>
      size(readFormValue(formData, f)),
    ),
  };
}

/** Outcome of checking the request against the headroom. */
export type QuotaEvaluation =
  | { kind: 'incomplete'; message: string }
  | {
      kind: 'checked';
      request: OpenStackQuotaRequest;
      violations: OpenStackQuotaViolation[];
    };

/**
 * Checks the request against the headroom, or says what is missing. Servers
 * are counted once a flavor is chosen; a form without a flavor (one that only
 * makes volumes) is checked without servers, unless ui:options names a
 * flavor field, which then must be filled in first.
 */
export function evaluateQuota(
  inputs: QuotaInputs,
  flavors: OpenStackFlavor[],
  headroom: OpenStackQuotaHeadroom,
  where: string,
): QuotaEvaluation {
  if (!inputs.flavor && inputs.needsFlavor) {
    return {
      kind: 'incomplete',
      message: 'Choose a flavor to check the quota',
    };
  }
  const servers: NonNullable<OpenStackQuotaSpec['servers']> = [];
  if (inputs.flavor) {
    const flavor = flavors.find(
      f => f.name === inputs.flavor || f.id === inputs.flavor,
    );
    if (!flavor) {
      return {
        kind: 'incomplete',
        message: `There is no flavor ${inputs.flavor} in ${where}`,
      };
    }
    if (inputs.count === undefined) {
      return {
        kind: 'incomplete',
        message: 'Enter a whole number of servers to check the quota',
      };
    }
    servers.push({
      flavor,
      count: inputs.count,
      volumesGiB: inputs.volumesGiB,
      floatingIp: inputs.floatingIp,
    });
  }
  const request = quotaRequestFor({
    servers,
    volumesGiB: inputs.extraVolumesGiB,
  });
  return {
    kind: 'checked',
    request,
    violations: quotaViolations(request, headroom),
  };
}
