import type { TableColumn } from '@backstage/core-components';
import type {
  OpenStackServer,
  OpenStackVolume,
} from '@canopy-idp/plugin-openstack-common';
import { formatMiB, plural } from '../common/format';
import {
  type ColumnContext,
  HORIZON_PATHS,
  Lines,
  nameColumn,
  RefCell,
  regionColumn,
  statusColumn,
} from './columnContext';
import { formatTimestamp } from './format';

/** "m1.small (1 vCPU, 2 GiB RAM)" */
export function describeFlavor(flavor: OpenStackServer['flavor']) {
  const size = [
    flavor.vcpus !== undefined ? plural(flavor.vcpus, 'vCPU') : undefined,
    flavor.ramMiB !== undefined ? `${formatMiB(flavor.ramMiB)} RAM` : undefined,
  ].filter(Boolean);
  const name = flavor.name ?? flavor.id ?? 'unknown flavor';
  return size.length ? `${name} (${size.join(', ')})` : name;
}

export function serverColumns(
  ctx: ColumnContext,
): TableColumn<OpenStackServer>[] {
  return [
    nameColumn(ctx, HORIZON_PATHS.server),
    statusColumn(),
    { title: 'Flavor', render: s => describeFlavor(s.flavor) },
    {
      title: 'Addresses',
      render: s => (
        <Lines
          values={s.addresses.map(
            a =>
              `${a.address} (${[a.network, a.type]
                .filter(Boolean)
                .join(', ')})`,
          )}
        />
      ),
    },
    { title: 'Availability zone', field: 'availabilityZone' },
    ...regionColumn<OpenStackServer>(ctx),
    {
      title: 'Created',
      field: 'created',
      render: s => formatTimestamp(s.created),
    },
  ];
}

export function volumeColumns(
  ctx: ColumnContext,
): TableColumn<OpenStackVolume>[] {
  return [
    nameColumn(ctx, id => `/project/volumes/${id}/`),
    { title: 'Size', field: 'sizeGiB', render: v => `${v.sizeGiB} GiB` },
    { title: 'Type', field: 'volumeType' },
    statusColumn(),
    {
      title: 'Attached to',
      render: v => (
        <Lines
          values={v.attachments.map(a => (
            <RefCell
              ctx={ctx}
              kind="server"
              id={a.serverId}
              suffix={a.device ? ` on ${a.device}` : undefined}
            />
          ))}
        />
      ),
    },
    { title: 'Bootable', render: v => (v.bootable ? 'yes' : 'no') },
    ...regionColumn<OpenStackVolume>(ctx),
  ];
}
