import {
  formatCost,
  type OpenStackRunRate,
} from '@canopy-idp/plugin-openstack-common';
import Typography from '@material-ui/core/Typography';

/**
 * What the entity's servers, volumes, floating IPs and load balancers cost
 * now, from the cloud's price list, and what could not be priced; nothing
 * when the cloud has no pricing.
 */
export const RunRate = (props: { runRate?: OpenStackRunRate }) => {
  const { runRate } = props;
  if (!runRate) return null;
  const { currency, monthly, hourly, unpriced } = runRate;
  return (
    <>
      <Typography variant="body2" component="span">
        {`${formatCost(monthly, currency)} a month (${formatCost(
          hourly,
          currency,
          'hour',
        )} an hour)`}
      </Typography>
      {runRate.source?.warning && (
        <Typography variant="caption" color="error" component="div">
          {runRate.source.warning}
        </Typography>
      )}
      {unpriced.length > 0 && (
        <Typography variant="caption" color="textSecondary" component="div">
          {`Not priced: ${unpriced.join('; ')}`}
        </Typography>
      )}
    </>
  );
};
