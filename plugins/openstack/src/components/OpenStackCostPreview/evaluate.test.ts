import { readCostRequest } from './evaluate';

/** A request of networks (and routers) only. */
const networksOnly = (extra: object) => ({
  request: {
    servers: [],
    volumes: [],
    floatingIps: 0,
    loadBalancers: 0,
    networks: 1,
    ...extra,
  },
});

describe('readCostRequest', () => {
  it("counts the template's networks, and a router when its field is set", () => {
    const options = { networks: 1, routerField: 'externalNetwork' };
    expect(
      readCostRequest({ location: {}, externalNetwork: 'public' }, options),
    ).toEqual(networksOnly({ routers: 1 }));
    // An isolated network: no router.
    expect(readCostRequest({ externalNetwork: '' }, options)).toEqual(
      networksOnly({}),
    );
  });
});
