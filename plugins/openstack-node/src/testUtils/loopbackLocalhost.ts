import dns from 'node:dns';

/**
 * For a test file that serves a router through `wrapServer` of
 * `@backstage/backend-openapi-utils/testUtils`: its validating proxy (mockttp)
 * forwards to `localhost` and may ask the resolver for its IPv6 address, so
 * on machines whose /etc/hosts names localhost for 127.0.0.1 only every
 * request fails with ENOTFOUND. Call at the top level of the test file:
 * `localhost` then resolves to 127.0.0.1 while its tests run.
 *
 * @public
 */
export function useLoopbackLocalhost(): void {
  const realLookup = dns.lookup;
  beforeAll(() => {
    (dns as any).lookup = (hostname: string, options: any, callback: any) => {
      const cb = typeof options === 'function' ? options : callback;
      const opts = typeof options === 'function' ? {} : options ?? {};
      if (hostname === 'localhost') {
        if (opts.all) return cb(null, [{ address: '127.0.0.1', family: 4 }]);
        return cb(null, '127.0.0.1', 4);
      }
      return realLookup(hostname, opts, cb);
    };
  });
  afterAll(() => {
    (dns as any).lookup = realLookup;
  });
}
