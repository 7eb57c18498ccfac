import { Table, type TableColumn } from '@backstage/core-components';
import {
  OPENSTACK_RESOURCE_KINDS,
  type OpenStackEntityResources,
  type OpenStackResourceKind,
} from '@canopy-idp/plugin-openstack-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  type ColumnContext,
  columnContext,
  type KindColumns,
} from './columnContext';
import { serverColumns, volumeColumns } from './computeColumns';
import { KIND_TITLES } from './format';
import { failedSources } from '../common/SourceWarnings';
import {
  floatingIpColumns,
  loadBalancerColumns,
  networkColumns,
  portColumns,
  routerColumns,
  securityGroupColumns,
  subnetColumns,
} from './networkColumns';

const COLUMNS: { [K in OpenStackResourceKind]: KindColumns<K> } = {
  servers: serverColumns,
  volumes: volumeColumns,
  networks: networkColumns,
  subnets: subnetColumns,
  routers: routerColumns,
  ports: portColumns,
  floatingIps: floatingIpColumns,
  securityGroups: securityGroupColumns,
  loadBalancers: loadBalancerColumns,
};

const PAGE_SIZE = 20;

const ResourceTable = (props: {
  kind: OpenStackResourceKind;
  items: object[];
  truncated: boolean;
  ctx: ColumnContext;
}) => {
  const { kind, items, truncated, ctx } = props;
  return (
    <Table<object>
      title={`${KIND_TITLES[kind]} (${items.length}${truncated ? '+' : ''})`}
      subtitle={
        truncated
          ? 'Only the first ones are listed: the list stopped at the backend limit (openstack.maxItemsPerKind).'
          : undefined
      }
      options={{
        paging: items.length > PAGE_SIZE,
        pageSize: PAGE_SIZE,
        search: items.length > PAGE_SIZE,
        padding: 'dense',
      }}
      columns={COLUMNS[kind](ctx) as TableColumn<object>[]}
      // The table writes its own state into the rows: give it copies.
      data={items.map(item => ({ ...item }))}
    />
  );
};

/** A table for each kind of resource listed, and a line naming the others. */
export const ResourceSections = (props: {
  answer: OpenStackEntityResources;
}) => {
  const { resources, regions, horizonUrl, truncated, sources } = props.answer;
  const ctx = columnContext(resources, regions, horizonUrl);
  const unread = new Set(failedSources(sources).flatMap(s => s.kinds));
  const listed = OPENSTACK_RESOURCE_KINDS.filter(k => resources[k]?.length);
  // Kinds a failed source should have listed are named by the warning instead.
  const none = OPENSTACK_RESOURCE_KINDS.filter(
    k => !resources[k]?.length && !unread.has(k),
  );
  return (
    <>
      {listed.map(kind => (
        <Box key={kind} mb={3} data-testid={`openstack-${kind}`}>
          <ResourceTable
            kind={kind}
            items={resources[kind]}
            truncated={truncated.includes(kind)}
            ctx={ctx}
          />
        </Box>
      ))}
      {none.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          {`None tagged for this entity: ${none
            .map(k => KIND_TITLES[k].toLocaleLowerCase('en-US'))
            .join(', ')}.`}
        </Typography>
      )}
    </>
  );
};
