import type { TableColumn } from '@backstage/core-components';
import type {
  OpenStackServer,
  OpenStackVolume,
} from '@canopy-idp/plugin-openstack-common';
import { formatMiB, plural } from '../common/format';
import {
  type ColumnContext,
  Lines,
  NameCell,
  RefCell,
  regionColumn,
} from './columnContext';
import { formatTimestamp } from './format';
import { ResourceStatus } from './ResourceStatus';

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
    {
      title: 'Name',
      field: 'name',
      highlight: true,
      render: s => (
        <NameCell
          name={s.name}
          id={s.id}
          href={ctx.horizon(`/project/instances/${s.id}/`)}
        />
      ),
    },
    {
      title: 'Status',
      field: 'status',
      render: s => <ResourceStatus status={s.status} />,
    },
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
    {
      title: 'Name',
      field: 'name',
      highlight: true,
      render: v => (
        <NameCell
          name={v.name}
          id={v.id}
          href={ctx.horizon(`/project/volumes/${v.id}/`)}
        />
      ),
    },
    { title: 'Size', field: 'sizeGiB', render: v => `${v.sizeGiB} GiB` },
    { title: 'Type', field: 'volumeType' },
    {
      title: 'Status',
      field: 'status',
      render: v => <ResourceStatus status={v.status} />,
    },
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
