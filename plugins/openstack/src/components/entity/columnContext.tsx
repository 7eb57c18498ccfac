import type { ReactNode } from 'react';
import { Link, type TableColumn } from '@backstage/core-components';
import type {
  OpenStackResourceKind,
  OpenStackResources,
} from '@canopy-idp/plugin-openstack-common';
import { horizonLink } from './format';
import { ResourceStatus } from './ResourceStatus';

/** What the columns of every kind need besides the row. */
export type ColumnContext = {
  /** Name of each listed resource by id, to show names instead of ids. */
  names: Map<string, string>;
  /** The listed server holding each fixed address. */
  serverByAddress: Map<string, { id: string; name: string }>;
  /** Horizon URL of a path such as `/project/instances/<id>/`, if any. */
  horizon: (path: string) => string | undefined;
  /** Whether the answer spans several regions (then a Region column shows). */
  multiRegion: boolean;
};

/** A row of the table of one kind of resource: one resource of the kind. */
export type KindRow<K extends OpenStackResourceKind> =
  OpenStackResources[K][number];

/** The columns of the table of one kind of resource. */
export type KindColumns<K extends OpenStackResourceKind> = (
  ctx: ColumnContext,
) => TableColumn<KindRow<K>>[];

export function columnContext(
  resources: OpenStackResources,
  regions: string[],
  horizonUrl: string | undefined,
): ColumnContext {
  const names = new Map<string, string>();
  for (const list of Object.values(resources)) {
    for (const item of list as Array<{ id: string; name?: string }>) {
      if (item.name) {
        names.set(item.id, item.name);
      }
    }
  }
  const serverByAddress = new Map<string, { id: string; name: string }>();
  for (const server of resources.servers ?? []) {
    for (const a of server.addresses) {
      serverByAddress.set(a.address, { id: server.id, name: server.name });
    }
  }
  return {
    names,
    serverByAddress,
    horizon: path => horizonLink(horizonUrl, path),
    multiRegion: regions.length > 1,
  };
}

/** The name of a resource (its id when it has none), linked to Horizon. */
export const NameCell = (props: {
  name?: string;
  id: string;
  href?: string;
}) => {
  const text = props.name || props.id;
  return props.href ? <Link to={props.href}>{text}</Link> : <>{text}</>;
};

/** A name for an id: the listed resource's name, or the id itself. */
export const nameOf = (ctx: ColumnContext, id: string | undefined) =>
  id ? ctx.names.get(id) ?? id : '';

/** Horizon's page of each kind of resource another row may point at. */
export const HORIZON_PATHS = {
  server: (id: string) => `/project/instances/${id}/`,
  network: (id: string) => `/project/networks/${id}/detail`,
  port: (id: string) => `/project/networks/ports/${id}/detail`,
} as const;

/**
 * A resource another row points at, by name: the name the answer carries,
 * else the listed resource's name, else the id; linked to Horizon when the
 * cloud has a `horizonUrl`.
 */
export const RefCell = (props: {
  ctx: ColumnContext;
  kind: keyof typeof HORIZON_PATHS;
  id: string | undefined;
  name?: string;
  suffix?: string;
}) => {
  const { ctx, kind, id } = props;
  if (!id) return props.name ? <>{props.name}</> : null;
  return (
    <>
      <NameCell
        name={props.name || ctx.names.get(id)}
        id={id}
        href={ctx.horizon(HORIZON_PATHS[kind](id))}
      />
      {props.suffix}
    </>
  );
};

/** Several values, one a line. */
export const Lines = (props: { values: Array<ReactNode> }) => (
  <>
    {props.values.map((v, i) => (
      <div key={i}>{v}</div>
    ))}
  </>
);

/** The Region column, when the answer spans several regions. */
export function regionColumn<K extends OpenStackResourceKind>(
  ctx: ColumnContext,
): TableColumn<KindRow<K>>[] {
  return ctx.multiRegion ? [{ title: 'Region', field: 'region' }] : [];
}

/** The Name column: the resource's name (or id), linked to its Horizon page. */
export function nameColumn<T extends { id: string; name: string }>(
  ctx: ColumnContext,
  horizonPath: (id: string) => string,
): TableColumn<T> {
  return {
    title: 'Name',
    field: 'name',
    highlight: true,
    render: r => (
      <NameCell name={r.name} id={r.id} href={ctx.horizon(horizonPath(r.id))} />
    ),
  };
}

/** The Status column, as a status icon and text. */
export function statusColumn<T extends { status: string }>(): TableColumn<T> {
  return {
    title: 'Status',
    field: 'status',
    render: r => <ResourceStatus status={r.status} />,
  };
}

/** A column naming the resource of another kind that each row points at. */
export function refColumn<T extends object>(
  ctx: ColumnContext,
  title: string,
  kind: keyof typeof HORIZON_PATHS,
  ref: (row: T) => { id: string | undefined; name?: string },
): TableColumn<T> {
  return {
    title,
    render: r => <RefCell ctx={ctx} kind={kind} {...ref(r)} />,
  };
}
