import {
  OPENSTACK_QUOTA_KEYS,
  type OpenStackQuotaHeadroom,
  type OpenStackQuotaRequest,
  type OpenStackQuotaViolation,
} from '@canopy-idp/plugin-openstack-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { formatAmount } from '../common/format';

type Limit = keyof OpenStackQuotaRequest;

const LABELS: Record<Limit, string> = {
  instances: 'Instances',
  cores: 'vCPUs',
  ramMiB: 'RAM',
  volumes: 'Volumes',
  gigabytes: 'Volume storage',
  floatingIps: 'Floating IPs',
};

const amount = (limit: Limit, n: number) =>
  formatAmount(n, OPENSTACK_QUOTA_KEYS[limit].unit);

function remainingText(limit: Limit, remaining: number | null | undefined) {
  if (remaining === null) {
    return 'unlimited';
  }
  if (remaining === undefined) {
    return 'not reported';
  }
  return amount(limit, Math.max(remaining, 0));
}

function Verdict(props: {
  limit: Limit;
  requested: number;
  violation?: OpenStackQuotaViolation;
}) {
  const { limit, requested, violation } = props;
  if (violation) {
    return (
      <Typography variant="body2" color="error">
        {`over by ${amount(limit, violation.exceededBy)}`}
      </Typography>
    );
  }
  return <>{requested ? 'fits' : '—'}</>;
}

/** Requested against remaining for each of the limits Canopy checks. */
export const QuotaTable = (props: {
  request: OpenStackQuotaRequest;
  violations: OpenStackQuotaViolation[];
  headroom: OpenStackQuotaHeadroom;
}) => {
  const { request, violations, headroom } = props;
  const limits = Object.keys(OPENSTACK_QUOTA_KEYS) as Limit[];
  return (
    <Table size="small" aria-label="Quota">
      <TableHead>
        <TableRow>
          <TableCell>Limit</TableCell>
          <TableCell align="right">Requested</TableCell>
          <TableCell align="right">Remaining</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {limits.map(limit => {
          const where = OPENSTACK_QUOTA_KEYS[limit];
          const violation = violations.find(v => v.limit === limit);
          return (
            <TableRow key={limit}>
              <TableCell component="th" scope="row">
                {LABELS[limit]}
              </TableCell>
              <TableCell align="right">
                {amount(limit, request[limit])}
              </TableCell>
              <TableCell align="right">
                {remainingText(limit, headroom[where.service]?.[where.key])}
              </TableCell>
              <TableCell>
                <Verdict
                  limit={limit}
                  requested={request[limit]}
                  violation={violation}
                />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
};
