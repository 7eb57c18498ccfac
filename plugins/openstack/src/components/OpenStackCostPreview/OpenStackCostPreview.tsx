import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  describeBudgetOverrun,
  formatCost,
  type OpenStackCostEstimate,
} from '@canopy-idp/plugin-openstack-common';
import { errorMessage } from '@canopy-idp/frontend-common';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { openstackApiRef } from '../../api';
import { describeLocation, useFormLocation } from '../common/formValues';
import { PreviewField } from '../common/PreviewField';
import { useHeldValue } from '../common/useHeldValue';
import { useLocatedAsync } from '../common/useOpenStackLookup';
import { CostTable } from './CostTable';
import { readCostRequest } from './evaluate';
import type {
  OpenStackCostPreviewUiOptions,
  OpenStackCostPreviewValue,
} from './schema';

/** Props of {@link OpenStackCostPreview}. */
export type OpenStackCostPreviewProps = FieldExtensionComponentProps<
  OpenStackCostPreviewValue,
  OpenStackCostPreviewUiOptions
>;

function valueOf(
  estimate: OpenStackCostEstimate,
  project: string,
): OpenStackCostPreviewValue {
  const overBudget = describeBudgetOverrun(estimate, project);
  return {
    currency: estimate.currency,
    hourly: estimate.hourly,
    monthly: estimate.monthly,
    ...(overBudget
      ? { overBudget, overridden: Boolean(estimate.budget?.overridden) }
      : {}),
  };
}

const Budget = (props: {
  estimate: OpenStackCostEstimate;
  project: string;
}) => {
  const { estimate, project } = props;
  const b = estimate.budget;
  if (!b) return null;
  const overrun = describeBudgetOverrun(estimate, project);
  if (!overrun) {
    return (
      <Alert severity="success">{`Within the monthly budget of project ${project}: ${formatCost(
        b.afterRequest,
        estimate.currency,
      )} of ${formatCost(
        b.monthly,
        estimate.currency,
      )} after this request`}</Alert>
    );
  }
  return b.overridden ? (
    <Alert severity="warning">{`Over the monthly budget, with an override reason that goes into the pull request: ${overrun}`}</Alert>
  ) : (
    <Alert severity="error">{`This request exceeds the monthly budget: ${overrun}`}</Alert>
  );
};

/**
 * Shows what the form's request will cost, an hour and a month, per item and
 * in total, from the cloud's price source, updating as the form changes; and
 * whether it fits in the project's monthly budget, holding the verdict so
 * that the step's validation can block. The server-side check prices the same
 * request the same way.
 *
 * @public
 */
export const OpenStackCostPreview = (props: OpenStackCostPreviewProps) => {
  const { onChange, formData, formContext, uiSchema } = props;
  const options: OpenStackCostPreviewUiOptions = uiSchema?.['ui:options'] ?? {};
  const api = useApi(openstackApiRef);
  const { location } = useFormLocation(formContext, options.locationField);
  const read = readCostRequest(formContext?.formData, options);
  const requestKey = 'request' in read ? JSON.stringify(read.request) : '';
  const data = useLocatedAsync(
    requestKey ? location : undefined,
    ({ cloud, region, project }) =>
      api.estimateCost(cloud, region, JSON.parse(requestKey), { project }),
    [api, requestKey],
  );
  const where = location ? describeLocation(location) : '';
  const project = location?.project ?? where;

  const next = data.value ? valueOf(data.value, project) : undefined;
  useHeldValue(next, formData, v => typeof v?.monthly === 'number', onChange);

  const estimate = data.value;
  return (
    <PreviewField
      field={props}
      title="Cost"
      located={Boolean(location)}
      then="see the cost"
    >
      {location && 'missing' in read && (
        <Alert severity="info">{read.missing}</Alert>
      )}
      {data.loading && <LinearProgress aria-label="Pricing the request" />}
      {data.error && (
        <Alert severity="error">{`Could not price the request in ${where}: ${errorMessage(
          data.error,
        )}`}</Alert>
      )}
      {estimate?.source.warning && (
        <Alert severity="warning">{estimate.source.warning}</Alert>
      )}
      {estimate && estimate.source.kind === 'none' && (
        <Alert severity="info">{`Not priced: ${estimate.source.detail}`}</Alert>
      )}
      {estimate && estimate.source.kind !== 'none' && (
        <>
          <Typography variant="h6" component="p" aria-label="Estimated cost">
            {`${formatCost(
              estimate.monthly,
              estimate.currency,
            )} a month (${formatCost(
              estimate.hourly,
              estimate.currency,
              'hour',
            )} an hour)`}
          </Typography>
          <CostTable estimate={estimate} />
          {estimate.unpriced.length > 0 && (
            <Alert severity="warning">{`Not priced, so not in the total: ${estimate.unpriced
              .map(u => `${u.item} (${u.reason})`)
              .join('; ')}`}</Alert>
          )}
          <Budget estimate={estimate} project={project} />
          <Typography variant="caption" color="textSecondary">
            {`${estimate.source.detail}; a month is 730 hours`}
          </Typography>
        </>
      )}
    </PreviewField>
  );
};
