/**
 * Against Canopy's real OpenStack test bed (scripts/openstack-testbed.sh),
 * whose Keystone issues short-lived tokens: the plugin recovers when a token
 * expires mid-run. A file of its own: it waits out a token's life, while the
 * other test-bed suites run beside it.
 */
import {
  readSeed,
  demoToken,
  describeTestbed,
  KEYSTONE,
  names,
  passwordCloud,
  type Seed,
  serviceFactory,
  tag,
} from './__testUtils__/testbed';
import { until } from '@canopy-idp/plugin-delivery-common/testUtils';

describeTestbed(
  'OpenStack backend plugin when a Keystone token expires',
  () => {
    let seed: Seed;
    let demoPassword: string;
    let tokenLifetimeS: number;
    const logLines: string[] = [];
    const makeService = serviceFactory(logLines);

    beforeAll(() => {
      ({ seed, demoPassword, tokenLifetimeS } = readSeed());
    });

    /**
     * Waits until Keystone refuses `token` (it expired): asks its validation
     * (`GET /v3/auth/tokens`, 404 once expired) once a second, at most
     * `attempts` times. Keystone's own clock decides, not the test's.
     */
    function untilExpired(token: string, attempts: number) {
      return until(
        'Keystone to refuse an expired token',
        async () => {
          const fresh = (await demoToken(demoPassword)).token;
          const res = await fetch(`${KEYSTONE}/auth/tokens`, {
            headers: { 'X-Auth-Token': fresh, 'X-Subject-Token': token },
          });
          return res.status === 404 ? true : undefined;
        },
        attempts,
        1000,
      );
    }

    it('recovers when a token expires mid-run', async () => {
      // Keystone issues short-lived tokens in the test bed (see scripts/openstack-testbed.sh).
      expect(tokenLifetimeS).toBeLessThanOrEqual(120);
      const skewedCalls: string[] = [];
      const timelyCalls: string[] = [];
      // A clock an hour behind makes the plugin keep using a token Keystone has
      // expired, so the service answers 401 and the plugin must re-authenticate once.
      const skewed = makeService(
        passwordCloud(),
        { cache: { resourcesTtlSeconds: 0 }, tokenRefreshMarginSeconds: 0 },
        {
          now: () => Date.now() - 3_600_000,
          calls: skewedCalls,
        },
      );
      // A correct clock replaces the token before use.
      const timely = makeService(
        passwordCloud(),
        { cache: { resourcesTtlSeconds: 0 }, tokenRefreshMarginSeconds: 0 },
        {
          calls: timelyCalls,
        },
      );
      /** Both services list shop's servers: each answers from OpenStack. */
      const listShopServers = async () => {
        for (const s of [skewed, timely]) {
          const listed = await s.listResources(
            'component:default/shop',
            { cloud: 'lab', tags: [tag('shop')] },
            ['servers'],
            false,
          );
          expect(listed.sources[0].status).toBe('ok');
          expect(names(listed.resources.servers)).toEqual(
            seed.entities.shop.servers,
          );
        }
      };
      await listShopServers();
      // A token issued after both services took theirs: once Keystone refuses
      // it, theirs have expired too.
      const later = (await demoToken(demoPassword)).token;
      await untilExpired(later, tokenLifetimeS + 60);
      await listShopServers();
      expect(skewedCalls).toEqual([
        'identity',
        'compute servers in RegionOne',
        'compute servers in RegionOne', // 401: token expired
        'identity',
        'compute servers in RegionOne',
      ]);
      expect(timelyCalls).toEqual([
        'identity',
        'compute servers in RegionOne',
        'identity',
        'compute servers in RegionOne',
      ]);
      // Re-authenticating logs what happened, never the password or a token.
      const logged = logLines.join('\n');
      expect(logged).not.toContain(demoPassword);
      expect(logged).not.toMatch(/gAAAAA[A-Za-z0-9_-]{20,}/);
    }, 180_000);
  },
);
