import {
  formatCost,
  type OpenStackCostEstimate,
} from '@canopy-idp/plugin-openstack-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';

/** Each priced item an hour and a month, and the total. */
export const CostTable = (props: { estimate: OpenStackCostEstimate }) => {
  const { items, currency, hourly, monthly } = props.estimate;
  return (
    <Table size="small" aria-label="Cost">
      <TableHead>
        <TableRow>
          <TableCell>Item</TableCell>
          <TableCell align="right">Quantity</TableCell>
          <TableCell align="right">Hourly</TableCell>
          <TableCell align="right">Monthly</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map(i => (
          <TableRow key={`${i.kind} ${i.label} ${i.unitPrice}`}>
            <TableCell component="th" scope="row">
              {i.label}
            </TableCell>
            <TableCell align="right">
              {i.unit === 'GiB-month' ? `${i.quantity} GiB` : i.quantity}
            </TableCell>
            <TableCell align="right">
              {formatCost(i.hourly, currency, 'hour')}
            </TableCell>
            <TableCell align="right">
              {formatCost(i.monthly, currency)}
            </TableCell>
          </TableRow>
        ))}
        <TableRow>
          <TableCell component="th" scope="row">
            <strong>Total</strong>
          </TableCell>
          <TableCell />
          <TableCell align="right">
            <strong>{formatCost(hourly, currency, 'hour')}</strong>
          </TableCell>
          <TableCell align="right">
            <strong>{formatCost(monthly, currency)}</strong>
          </TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
};
