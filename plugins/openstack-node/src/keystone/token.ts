/** A Keystone token as Canopy keeps it, and reading its service catalog. */

export interface CatalogEndpoint {
  interface: string;
  region_id?: string;
  region?: string;
  url: string;
}

export interface CatalogService {
  type: string;
  name?: string;
  endpoints: CatalogEndpoint[];
}

export interface KeystoneToken {
  value: string;
  expiresAt: number;
  /** When Keystone issued it. */
  issuedAt: number;
  project: { id: string; name: string };
  catalog: CatalogService[];
}

/** Regions present in a token's service catalog, sorted. */
export function regionsOf(token: KeystoneToken): string[] {
  const regions = new Set<string>();
  for (const service of token.catalog) {
    for (const e of service.endpoints) {
      const region = e.region_id ?? e.region;
      if (region) regions.add(region);
    }
  }
  return [...regions].sort();
}

/** The URL of the first of `types` with an endpoint on `iface` in `region`, or undefined. */
export function endpointOf(
  token: KeystoneToken,
  types: string[],
  region: string,
  iface: string,
): string | undefined {
  for (const type of types) {
    const service = token.catalog.find(s => s.type === type);
    const endpoint = service?.endpoints.find(
      e => e.interface === iface && (e.region_id ?? e.region) === region,
    );
    if (endpoint) return endpoint.url.replace(/\/+$/, '');
  }
  return undefined;
}

/**
 * Which project a token is scoped to: an id, or a name in a domain (default: the credential's project domain, else Default).
 *
 * @public
 */
export interface ProjectScope {
  id?: string;
  name?: string;
  domainName?: string;
  domainId?: string;
}

const PROJECT_ID = /^[0-9a-f]{32}$/;

/** Reads a project reference (an entity annotation, a query): a Keystone project id or a name. */
export function parseProjectRef(
  ref: string | undefined,
): ProjectScope | undefined {
  if (!ref) return undefined;
  return PROJECT_ID.test(ref) ? { id: ref } : { name: ref };
}
