import { readCostRequest } from './evaluate';

describe('readCostRequest', () => {
  it("counts the template's networks, and a router when its field is set", () => {
    const options = { networks: 1, routerField: 'externalNetwork' };
    expect(
      readCostRequest({ location: {}, externalNetwork: 'public' }, options),
    ).toEqual({
      request: {
        servers: [],
        volumes: [],
        floatingIps: 0,
        loadBalancers: 0,
        networks: 1,
        routers: 1,
      },
    });
    // An isolated network: no router.
    expect(readCostRequest({ externalNetwork: '' }, options)).toEqual({
      request: {
        servers: [],
        volumes: [],
        floatingIps: 0,
        loadBalancers: 0,
        networks: 1,
      },
    });
  });
});
