import type { JsonValue } from '@backstage/types';
import type { OpenStackServiceType } from '@canopy-idp/plugin-openstack-common';

/**
 * What a reader needs to call one region's APIs for one project: a GET below
 * a service's catalog endpoint (authenticated, retried, timed out and
 * scrubbed by the layers below), and the paging limits.
 */
export interface RegionApi {
  region: string;
  projectId: string;
  /** Page size asked of every list call (`limit=`). */
  pageSize: number;
  /** A list of one kind stops here and is reported as truncated. */
  maxItems: number;
  /**
   * Reference data of the region as this project sees it (the names of its
   * external networks), read once for every reader of the project that asks
   * at the same time and kept for the look-ups' lifetime; a failed read is
   * not kept. Without it (tests), `read` runs each time.
   */
  reference?<T extends JsonValue>(
    name: string,
    read: () => Promise<T>,
  ): Promise<T>;
  /** GET `path` below the service's endpoint; the parsed JSON body. */
  get(
    service: OpenStackServiceType,
    path: string,
    what: string,
    headers?: Record<string, string>,
  ): Promise<unknown>;
}

/** One list as read: the items, and whether more exist beyond the cap. */
export interface ListResult<T> {
  items: T[];
  truncated: boolean;
}

/** Query string of the set parameters, in the order given. */
export function query(params: Record<string, string | number | undefined>) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== '') q.set(k, String(v));
  }
  return q.toString();
}

/** A page of a list call: its items, and the link to the next page if any. */
function pageOf(body: unknown, itemsKey: string) {
  const b = (body ?? {}) as Record<string, unknown>;
  const items = Array.isArray(b[itemsKey]) ? (b[itemsKey] as unknown[]) : [];
  const links = Array.isArray(b[`${itemsKey}_links`])
    ? (b[`${itemsKey}_links`] as Array<{ rel?: string; href?: string }>)
    : [];
  const next =
    links.find(l => l.rel === 'next')?.href ??
    (typeof b.next === 'string' ? b.next : undefined);
  return { items, next };
}

/** The query of a next-page link (its marker), for our own endpoint and path. */
function nextQuery(next: string, limit: number) {
  const search = new URLSearchParams(
    new URL(next, 'http://next.invalid').search,
  );
  search.set('limit', String(limit));
  return search.toString();
}

/**
 * Follows every page of a list call (`<items>_links` rel=next, or Glance's
 * `next`) until the list ends or reaches `api.maxItems`. A list cut at the
 * cap is `truncated` only when something lies beyond it: at exactly the cap,
 * one more item is asked for.
 */
export async function paginate<T>(
  api: RegionApi,
  service: OpenStackServiceType,
  path: string,
  params: Record<string, string | number | undefined>,
  itemsKey: string,
  what: string,
  headers?: Record<string, string>,
): Promise<ListResult<T>> {
  const items: unknown[] = [];
  let search = query({ ...params, limit: api.pageSize });
  for (;;) {
    const page = pageOf(
      await api.get(service, `${path}?${search}`, what, headers),
      itemsKey,
    );
    items.push(...page.items);
    if (items.length > api.maxItems) {
      return { items: items.slice(0, api.maxItems) as T[], truncated: true };
    }
    if (!page.next || page.items.length === 0) {
      return { items: items as T[], truncated: false };
    }
    if (items.length === api.maxItems) {
      const beyond = pageOf(
        await api.get(
          service,
          `${path}?${nextQuery(page.next, 1)}`,
          what,
          headers,
        ),
        itemsKey,
      );
      return { items: items as T[], truncated: beyond.items.length > 0 };
    }
    search = nextQuery(page.next, api.pageSize);
  }
}

/**
 * The list calls of one service: each follows every page (see
 * {@link paginate}), and errors name it `<name> <what> in <region>`, where
 * `what` defaults to the items' key.
 */
export function serviceLists(
  service: OpenStackServiceType,
  name: string,
  headers?: Record<string, string>,
) {
  return <T>(
    api: RegionApi,
    path: string,
    itemsKey: string,
    params: Record<string, string | number | undefined> = {},
    what: string = itemsKey,
  ) =>
    paginate<T>(
      api,
      service,
      path,
      params,
      itemsKey,
      `${name} ${what} in ${api.region}`,
      headers,
    );
}

/** Tag filter of Nova, Neutron and Octavia: every tag must be present. */
export const tagsParam = (tags: string[]) =>
  tags.length ? tags.join(',') : undefined;

/** A list mapped item by item. */
export function mapList<R, T>(
  list: ListResult<R>,
  map: (raw: R) => T,
): ListResult<T> {
  return { items: list.items.map(map), truncated: list.truncated };
}
