import type { OpenStackServer } from '@canopy-idp/plugin-openstack-common';
import { formatMiB, plural } from '../common/format';
import {
  HORIZON_PATHS,
  type KindColumns,
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

export const serverColumns: KindColumns<'servers'> = ctx => [
  nameColumn(ctx, HORIZON_PATHS.server),
  statusColumn(),
  { title: 'Flavor', render: s => describeFlavor(s.flavor) },
  {
    title: 'Addresses',
    render: s => (
      <Lines
        values={s.addresses.map(
          a =>
            `${a.address} (${[a.network, a.type].filter(Boolean).join(', ')})`,
        )}
      />
    ),
  },
  { title: 'Availability zone', field: 'availabilityZone' },
  ...regionColumn<'servers'>(ctx),
  {
    title: 'Created',
    field: 'created',
    render: s => formatTimestamp(s.created),
  },
];

export const volumeColumns: KindColumns<'volumes'> = ctx => [
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
  ...regionColumn<'volumes'>(ctx),
];
