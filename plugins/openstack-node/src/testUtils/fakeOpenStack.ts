/**
 * A fake of the OpenStack APIs at the HTTP layer (the `Http` the Keystone
 * sessions use), for offline tests. It stands in for Canopy's OpenStack test
 * bed: Keystone and every list, detail and quota call the readers make are
 * answered with the JSON recorded from the real test bed
 * (this package's fixtures/testbed, made by testbed/openstack/record-fixtures.mts
 * in Canopy's repository).
 *
 * Like the real services it pages lists (`limit`/`marker`, with a `next`
 * link whenever a page is full, as Nova, Neutron, Cinder and Octavia do, and
 * Glance's `next`), and it fails on demand per service: a timeout, a 401
 * once, a 403, a 429 or a 500. Every call is counted.
 */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UpstreamError } from '../http/errors';
import type { Http, HttpResponse } from '../http/HttpClient';
import type { JsonObject } from '@backstage/types';
import type { FakeCloudKitty } from './fakeCloudKitty';

/** @public */
export interface Fixture {
  request: string;
  status: number;
  body: Record<string, unknown>;
}

const FIXTURES = resolvePackagePath(
  '@canopy-idp/plugin-openstack-node',
  'fixtures/testbed',
);

/**
 * Every recorded answer, by file name (without .json).
 *
 * @public
 */
export function fixtures(): Record<string, Fixture> {
  return Object.fromEntries(
    readdirSync(FIXTURES)
      .filter(f => f.endsWith('.json'))
      .map(f => [
        f.replace(/\.json$/, ''),
        JSON.parse(readFileSync(path.join(FIXTURES, f), 'utf8')) as Fixture,
      ]),
  );
}

/**
 * A recorded answer's body.
 *
 * @public
 */
export function fixtureBody(name: string): any {
  return fixtures()[name].body;
}

/** @public */
export type FailureMode =
  | 'timeout'
  | 'forbidden'
  | 'error'
  | 'unauthorized-once'
  | 'too-many-requests';

/** Query keys that filter (tags, project) or page; the others tell calls apart. */
const FILTER_KEYS = new Set([
  'limit',
  'marker',
  'tags',
  'project_id',
  'metadata',
]);

function queryKeys(search: URLSearchParams) {
  return [...search.keys()]
    .filter(k => !FILTER_KEYS.has(k))
    .sort()
    .join('&');
}

/** An item's marker: its id, or a key pair's name. */
function markerOf(item: any): string {
  return item.id ?? item.keypair?.name ?? item.name;
}

/**
 * The `openstack.clouds[]` entry of the cloud {@link FakeOpenStack} answers
 * for: `lab`, Keystone at `http://keystone.test/v3`, the demo user's password
 * credential, and project `demo` owned by team A, unless `extra` says
 * otherwise.
 *
 * @public
 */
export function fakeCloudConfig(extra: JsonObject = {}): JsonObject {
  return {
    name: 'lab',
    authUrl: 'http://keystone.test/v3',
    password: {
      username: 'demo',
      password: 'hunter2-secret',
      projectName: 'demo',
    },
    projects: [{ name: 'demo', owners: ['group:default/team-a'] }],
    ...extra,
  };
}

/** @public */
export class FakeOpenStack implements Http {
  readonly calls: string[] = [];
  private readonly recorded = fixtures();
  private readonly failures = new Map<string, FailureMode>();
  private readonly extra = new Map<string, unknown[]>();
  private readonly catalog: Array<{ type: string; url: string }>;
  /** How many tokens were issued. */
  issued = 0;

  constructor(
    private readonly now: () => number = Date.now,
    /** When given, the catalog has a `rating` service answering its quotes. */
    private readonly cloudKitty?: FakeCloudKitty,
  ) {
    if (cloudKitty) {
      const token = (this.recorded['identity-token'].body as any).token;
      token.catalog = [
        ...token.catalog,
        {
          type: 'rating',
          name: 'cloudkitty',
          endpoints: [
            {
              interface: 'public',
              region: 'RegionOne',
              region_id: 'RegionOne',
              url: 'http://cloudkitty.test',
            },
          ],
        },
      ];
    }
    this.catalog = (this.recorded['identity-token'].body as any).token.catalog
      .flatMap((s: any) =>
        s.endpoints
          .filter((e: any) => e.interface === 'public')
          .map((e: any) => ({ type: s.type, url: e.url.replace(/\/+$/, '') })),
      )
      .sort((a: any, b: any) => b.url.length - a.url.length);
  }

  /** Makes every call to a service (or `identity`) fail this way until cleared. */
  fail(service: string, mode: FailureMode) {
    this.failures.set(service, mode);
  }

  heal(service?: string) {
    if (service) this.failures.delete(service);
    else this.failures.clear();
  }

  /** Adds `count` copies of the first recorded item of a list (new ids), e.g. to reach a cap. */
  grow(fixture: string, itemsKey: string, count: number) {
    const first = (this.recorded[fixture].body[itemsKey] as any[])[0];
    this.extra.set(
      fixture,
      Array.from({ length: count }, (_, i) => ({
        ...first,
        id: `${first.id}-copy-${String(i).padStart(4, '0')}`,
        name: `${first.name}-copy-${i}`,
      })),
    );
  }

  callsTo(service: string) {
    return this.calls.filter(c => c.startsWith(`${service} `)).length;
  }

  private serviceOf(url: string) {
    if (url.endsWith('/auth/tokens')) return { type: 'identity', path: '' };
    const match = this.catalog.find(e => url.startsWith(e.url));
    if (!match) throw new Error(`fake OpenStack: no service for ${url}`);
    return { type: match.type, path: url.slice(match.url.length) };
  }

  async request(
    method: 'GET' | 'POST',
    url: string,
    init: { headers?: Record<string, string>; body?: unknown; what: string },
  ): Promise<HttpResponse> {
    const { type, path: rest } = this.serviceOf(url);
    this.calls.push(`${type} ${method} ${rest}`);
    const failure = this.failures.get(type);
    if (failure === 'unauthorized-once') this.failures.delete(type);
    if (failure) throw this.failureError(failure, init.what);
    if (type === 'identity') return this.token();
    if (type === 'rating' && method === 'POST' && rest === '/v1/rating/quote') {
      return {
        status: 200,
        headers: new Headers(),
        body: this.cloudKitty!.quote(init.body),
      };
    }
    const target = new URL(rest, 'http://fake.invalid');
    const fixture = Object.entries(this.recorded).find(([, f]) => {
      const recorded = new URL(f.request.split(' ')[1], 'http://fake.invalid');
      const recordedPath = recorded.pathname.replace(/^\/v2(\.0)?(?=\/)/, '');
      const wantedPath = target.pathname.replace(/^\/v2(\.0)?(?=\/)/, '');
      return (
        recordedPath === wantedPath &&
        queryKeys(recorded.searchParams) === queryKeys(target.searchParams)
      );
    });
    if (!fixture) {
      throw new UpstreamError(`${init.what}: HTTP 404`, 'error', 404);
    }
    return this.page(fixture[0], fixture[1], target);
  }

  private token(): HttpResponse {
    this.issued++;
    const body = structuredClone(this.recorded['identity-token'].body) as any;
    body.token.issued_at = new Date(this.now()).toISOString();
    body.token.expires_at = new Date(this.now() + 3_600_000).toISOString();
    return {
      status: 201,
      headers: new Headers({ 'x-subject-token': `fake-token-${this.issued}` }),
      body,
    };
  }

  private page(name: string, fixture: Fixture, target: URL): HttpResponse {
    const body = structuredClone(fixture.body);
    const itemsKey = Object.keys(body).find(k => Array.isArray(body[k]));
    const limit = Number(target.searchParams.get('limit') ?? 0);
    if (!itemsKey || !limit) {
      return { status: fixture.status, headers: new Headers(), body };
    }
    const all = [
      ...(body[itemsKey] as unknown[]),
      ...(this.extra.get(name) ?? []),
    ];
    const marker = target.searchParams.get('marker');
    const start = marker ? all.findIndex(i => markerOf(i) === marker) + 1 : 0;
    const items = all.slice(start, start + limit);
    const next = new URL(target.toString());
    next.searchParams.set('marker', markerOf(items[items.length - 1] ?? {}));
    body[itemsKey] = items;
    delete body.next;
    delete body[`${itemsKey}_links`];
    if (items.length === limit) {
      if (name === 'image-images') body.next = `${next.pathname}${next.search}`;
      else body[`${itemsKey}_links`] = [{ rel: 'next', href: next.toString() }];
    }
    return { status: fixture.status, headers: new Headers(), body };
  }

  private failureError(mode: FailureMode, what: string) {
    switch (mode) {
      case 'timeout':
        return new UpstreamError(`${what}: no answer within 100 ms`, 'timeout');
      case 'forbidden':
        return new UpstreamError(
          `${what}: HTTP 403 Forbidden`,
          'forbidden',
          403,
        );
      case 'unauthorized-once':
        return new UpstreamError(
          `${what}: HTTP 401 The request you have made requires authentication.`,
          'error',
          401,
        );
      case 'too-many-requests':
        return new UpstreamError(`${what}: HTTP 429`, 'error', 429);
      default:
        return new UpstreamError(
          `${what}: HTTP 500 Internal Server Error`,
          'error',
          500,
        );
    }
  }
}
