import type { OpenStackCostRequest } from '@canopy-idp/plugin-openstack-common';
import { readFormValue } from '../common/formValues';
import { readQuotaInputs } from '../OpenStackQuotaPreview/evaluate';
import type { OpenStackCostPreviewUiOptions } from './schema';

/**
 * The request to price, read from the whole form's data as the ui:options
 * say, or what is missing before it can be priced.
 */
export function readCostRequest(
  formData: unknown,
  options: OpenStackCostPreviewUiOptions,
): { request: OpenStackCostRequest } | { missing: string } {
  const inputs = readQuotaInputs(formData, options);
  if (!inputs.flavor && inputs.needsFlavor) {
    return { missing: 'Choose a flavor to see the cost' };
  }
  if (inputs.flavor && inputs.count === undefined) {
    return { missing: 'Enter a whole number of servers to see the cost' };
  }
  const rawType = options.volumeTypeField
    ? readFormValue(formData, options.volumeTypeField)
    : undefined;
  const type = typeof rawType === 'string' && rawType ? { type: rawType } : {};
  const volumes = (sizes: number[]) =>
    sizes.filter(s => s > 0).map(sizeGiB => ({ sizeGiB, ...type }));
  const extraIp = options.extraFloatingIpField
    ? readFormValue(formData, options.extraFloatingIpField)
    : false;
  const router = options.routerField
    ? readFormValue(formData, options.routerField)
    : undefined;
  const reason = options.budgetOverrideReasonField
    ? readFormValue(formData, options.budgetOverrideReasonField)
    : undefined;
  return {
    request: {
      servers: inputs.flavor
        ? [
            {
              flavor: inputs.flavor,
              count: inputs.count ?? 1,
              volumes: volumes(inputs.volumesGiB),
              floatingIp: inputs.floatingIp,
            },
          ]
        : [],
      volumes: volumes(inputs.extraVolumesGiB),
      floatingIps:
        (options.floatingIps ?? 0) +
        (extraIp === true || extraIp === 'true' ? 1 : 0),
      loadBalancers: options.loadBalancers ?? 0,
      ...(options.networks ? { networks: options.networks } : {}),
      ...(router ? { routers: 1 } : {}),
      ...(typeof reason === 'string' && reason.trim()
        ? { overrideReason: reason }
        : {}),
    },
  };
}
