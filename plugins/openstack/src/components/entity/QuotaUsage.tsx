import type {
  OpenStackQuota,
  OpenStackQuotaUsage,
} from '@canopy-idp/plugin-openstack-common';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { formatAmount } from '../common/format';

/** A quota the page shows: where it is in the usage and how to name it. */
export type QuotaRow = {
  service: 'compute' | 'volume' | 'network';
  key: string;
  label: string;
  unit?: 'MiB' | 'GiB';
};

/** The quotas of a server: instances, vCPUs and RAM. */
export const COMPUTE_QUOTAS: QuotaRow[] = [
  { service: 'compute', key: 'instances', label: 'Instances' },
  { service: 'compute', key: 'cores', label: 'vCPUs' },
  { service: 'compute', key: 'ram', label: 'RAM', unit: 'MiB' },
];

/** Every quota the entity page shows, when the region reports it. */
export const ALL_QUOTAS: QuotaRow[] = [
  ...COMPUTE_QUOTAS,
  { service: 'volume', key: 'volumes', label: 'Volumes' },
  { service: 'volume', key: 'gigabytes', label: 'Volume storage', unit: 'GiB' },
  { service: 'volume', key: 'snapshots', label: 'Volume snapshots' },
  { service: 'network', key: 'floatingip', label: 'Floating IPs' },
  { service: 'network', key: 'network', label: 'Networks' },
  { service: 'network', key: 'subnet', label: 'Subnets' },
  { service: 'network', key: 'port', label: 'Ports' },
  { service: 'network', key: 'router', label: 'Routers' },
  { service: 'network', key: 'security_group', label: 'Security groups' },
];

const amount = (row: QuotaRow, n: number) => formatAmount(n, row.unit);

/** "9 of 12 used (1 reserved)", "3 used, unlimited" */
export function describeQuota(row: QuotaRow, quota: OpenStackQuota) {
  const used = quota.inUse + quota.reserved;
  const reserved = quota.reserved
    ? ` (${amount(row, quota.reserved)} reserved)`
    : '';
  if (quota.limit < 0) {
    return `${amount(row, used)} used, unlimited${reserved}`;
  }
  return `${amount(row, used)} of ${amount(row, quota.limit)} used${reserved}`;
}

function percentUsed(quota: OpenStackQuota) {
  const used = quota.inUse + quota.reserved;
  if (quota.limit <= 0) {
    return used > 0 ? 100 : 0;
  }
  return Math.min(100, (used / quota.limit) * 100);
}

const QuotaBar = (props: { row: QuotaRow; quota: OpenStackQuota }) => {
  const { row, quota } = props;
  const text = describeQuota(row, quota);
  return (
    <TableRow>
      <TableCell component="th" scope="row">
        {row.label}
      </TableCell>
      <TableCell style={{ width: '40%' }}>
        {quota.limit < 0 ? null : (
          <LinearProgress
            variant="determinate"
            value={percentUsed(quota)}
            color={percentUsed(quota) >= 90 ? 'secondary' : 'primary'}
            aria-label={`${row.label}: ${text}`}
          />
        )}
      </TableCell>
      <TableCell>{text}</TableCell>
    </TableRow>
  );
};

/** Used and reserved against the limit, for each quota the region reports. */
export const QuotaUsage = (props: {
  usage: OpenStackQuotaUsage;
  rows?: QuotaRow[];
}) => {
  const { usage, rows = ALL_QUOTAS } = props;
  const shown = rows.flatMap(row => {
    const quota = usage[row.service]?.[row.key];
    return quota ? [{ row, quota }] : [];
  });
  if (!shown.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        {`No quota usage reported in ${usage.region}.`}
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={`Quota usage in ${usage.region}`}>
      <TableBody>
        {shown.map(({ row, quota }) => (
          <QuotaBar key={`${row.service}.${row.key}`} row={row} quota={quota} />
        ))}
      </TableBody>
    </Table>
  );
};
