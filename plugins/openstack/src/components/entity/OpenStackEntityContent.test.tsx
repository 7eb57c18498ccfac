import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  backendError,
  entityResourcesOf,
  failedSource,
} from '../../__testUtils__/fakeOpenStackApi';
import {
  paymentsResources,
  renderForEntity,
  SLOW,
} from '../../__testUtils__/entityFixtures';
import { OpenStackEntityContent } from './OpenStackEntityContent';

const quotas = [
  {
    region: 'RegionOne',
    compute: {
      instances: { limit: 12, inUse: 9, reserved: 0 },
      cores: { limit: -1, inUse: 9, reserved: 0 },
      ram: { limit: 51200, inUse: 4608, reserved: 512 },
      key_pairs: { limit: 100, inUse: 0, reserved: 0 },
    },
    volume: { gigabytes: { limit: 1000, inUse: 1, reserved: 0 } },
  },
];

/** A page of the project in the cloud's Horizon (at horizon.example.net). */
const horizon = (path: string) =>
  `https://horizon.example.net/dashboard/project/${path}`;

const section = (kind: string) => screen.getByTestId(`openstack-${kind}`);

describe('OpenStackEntityContent', () => {
  it(
    'lists the resources of each kind, with Horizon links',
    async () => {
      const calls = await renderForEntity(<OpenStackEntityContent />, {
        entityResources: entityResourcesOf(paymentsResources, {
          horizonUrl: 'https://horizon.example.net/dashboard/',
        }),
      });

      expect(await screen.findByText('Servers (2)')).toBeInTheDocument();
      expect(calls).toEqual(['resources of component:default/payments']);

      // The selector.
      expect(screen.getByText('lab')).toBeInTheDocument();
      expect(screen.getByText('demo')).toBeInTheDocument();
      expect(screen.getByText('RegionOne')).toBeInTheDocument();
      expect(
        screen.getByText('canopy.entity=component.default.payments'),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('link', { name: /^Open the project in Horizon,/ }),
      ).toHaveAttribute('href', horizon(''));

      const servers = within(section('servers'));
      expect(
        servers.getByRole('link', { name: /^payments-web-1,/ }),
      ).toHaveAttribute('href', horizon('instances/srv-1/'));
      expect(servers.getByText('payments-web-2')).toBeInTheDocument();
      expect(
        servers.getAllByText('m1.tiny (1 vCPU, 512 MiB RAM)'),
      ).toHaveLength(2);
      expect(
        servers.getByText('10.20.0.11 (payments-net, fixed)'),
      ).toBeInTheDocument();
      expect(
        servers.getByText('203.0.113.37 (payments-net, floating)'),
      ).toBeInTheDocument();
      expect(servers.getByText('nova')).toBeInTheDocument();
      expect(servers.getByText('2025-01-02 03:04 UTC')).toBeInTheDocument();
      expect(servers.getByText('ACTIVE')).toBeInTheDocument();
      expect(servers.getByText('ERROR')).toBeInTheDocument();

      const volumes = within(section('volumes'));
      expect(volumes.getByText('Volumes (1)')).toBeInTheDocument();
      expect(
        volumes.getByRole('link', { name: /^payments-data,/ }),
      ).toHaveAttribute('href', horizon('volumes/vol-1/'));
      expect(volumes.getByText('1 GiB')).toBeInTheDocument();
      expect(volumes.getByText('lvmdriver-1')).toBeInTheDocument();
      expect(volumes.getByText('in-use')).toBeInTheDocument();
      // The attachment names the server, not its id, linked to Horizon.
      const attached = volumes.getByRole('link', { name: /^payments-web-1,/ });
      expect(attached).toHaveAttribute('href', horizon('instances/srv-1/'));
      expect(attached.parentElement).toHaveTextContent(
        /^payments-web-1.* on \/dev\/vdb$/,
      );

      expect(
        within(section('networks')).getByText('payments-subnet'),
      ).toBeInTheDocument();
      const subnets = within(section('subnets'));
      expect(subnets.getByText('10.20.0.0/24')).toBeInTheDocument();
      expect(subnets.getByText('payments-net')).toBeInTheDocument();
      // The external network by the name the backend read, linked.
      expect(
        within(section('routers')).getByRole('link', { name: /^public,/ }),
      ).toHaveAttribute('href', horizon('networks/public-id/detail'));
      expect(
        within(section('ports')).getByText('10.20.0.50'),
      ).toBeInTheDocument();
      const fips = within(section('floatingIps'));
      expect(fips.getByText('203.0.113.37')).toBeInTheDocument();
      // Attached to the server holding its fixed address; the pool by name.
      expect(
        fips.getByRole('link', { name: /^payments-web-1,/ }),
      ).toHaveAttribute('href', horizon('instances/srv-1/'));
      expect(fips.getByRole('link', { name: /^public,/ })).toBeInTheDocument();
      expect(
        within(section('securityGroups')).getByText(
          '3 rules (1 ingress, 2 egress)',
        ),
      ).toBeInTheDocument();
      const lbs = within(section('loadBalancers'));
      expect(lbs.getByRole('link', { name: /^payments-lb,/ })).toHaveAttribute(
        'href',
        horizon('load_balancer/lb-1/'),
      );
      expect(lbs.getByText('payments-https TCP:443')).toBeInTheDocument();
      expect(
        lbs.getByText('payments-pool (TCP, ROUND_ROBIN)'),
      ).toBeInTheDocument();
      expect(lbs.getByText('ONLINE')).toBeInTheDocument();
      // The member by the listed server holding its address.
      const member = lbs.getByRole('link', { name: /^payments-web-1,/ });
      expect(member).toHaveAttribute('href', horizon('instances/srv-1/'));
      expect(member.parentElement).toHaveTextContent(
        /^payments-web-1.* 10\.20\.0\.11:443 ONLINE$/,
      );

      // Every source answered, nothing was cut.
      expect(
        screen.queryByTestId('openstack-failed-sources'),
      ).not.toBeInTheDocument();
      expect(screen.queryByText(/Only the first ones/)).not.toBeInTheDocument();
    },
    SLOW,
  );

  it(
    'links nowhere when the cloud has no Horizon, and names the kinds with nothing tagged',
    async () => {
      await renderForEntity(<OpenStackEntityContent />, {
        entityResources: entityResourcesOf({
          servers: paymentsResources.servers,
        }),
      });
      expect(await screen.findByText('Servers (2)')).toBeInTheDocument();
      expect(screen.queryByRole('link')).not.toBeInTheDocument();
      expect(
        screen.getByText(
          'None tagged for this entity: volumes, networks, subnets, routers, ports, floating ips, security groups, load balancers.',
        ),
      ).toBeInTheDocument();
    },
    SLOW,
  );

  it(
    'shows the quota usage per region, unlimited quotas as such',
    async () => {
      await renderForEntity(<OpenStackEntityContent />, {
        entityResources: entityResourcesOf({}, { quotas }),
      });
      const table = await screen.findByRole('table', {
        name: 'Quota usage in RegionOne',
      });
      const rows = within(table)
        .getAllByRole('row')
        .map(r => r.textContent);
      expect(rows).toEqual([
        'Instances9 of 12 used',
        'vCPUs9 used, unlimited',
        'RAM5 GiB of 50 GiB used (512 MiB reserved)',
        'Volume storage1 GiB of 1000 GiB used',
      ]);
      expect(
        within(table).getByRole('progressbar', {
          name: 'Instances: 9 of 12 used',
        }),
      ).toHaveAttribute('aria-valuenow', '75');
      // No bar for an unlimited quota.
      expect(within(table).getAllByRole('progressbar')).toHaveLength(3);
    },
    SLOW,
  );

  it(
    'warns about each source that failed, and notes truncated lists',
    async () => {
      await renderForEntity(<OpenStackEntityContent />, {
        entityResources: entityResourcesOf(
          { volumes: paymentsResources.volumes },
          {
            truncated: ['volumes'],
            sources: [
              {
                ...failedSource('compute', 'timeout', 'no answer in 10s'),
                kinds: ['servers', 'quotas'],
              },
              {
                ...failedSource('load-balancer', 'unavailable', ''),
                kinds: ['loadBalancers'],
              },
              {
                cloud: 'lab',
                region: 'RegionOne',
                service: 'network',
                status: 'ok',
                kinds: ['networks'],
                durationMs: 12,
              },
            ],
          },
        ),
      });
      const list = await screen.findByTestId('openstack-failed-sources');
      expect(
        within(list)
          .getAllByRole('listitem')
          .map(i => i.textContent),
      ).toEqual([
        'compute in RegionOne: timeout — no answer in 10s (missing: servers, quotas)',
        'load-balancer in RegionOne: unavailable (missing: load balancers)',
      ]);
      expect(screen.getByText('Volumes (1+)')).toBeInTheDocument();
      expect(
        screen.getByText(/Only the first ones are listed of: volumes\./),
      ).toBeInTheDocument();
      // Kinds a failed source should have listed are not called empty.
      expect(
        screen.getByText(
          'None tagged for this entity: networks, subnets, routers, ports, floating ips, security groups.',
        ),
      ).toBeInTheDocument();
    },
    SLOW,
  );

  it(
    'says when nothing is tagged for the entity, naming the tag selector',
    async () => {
      await renderForEntity(<OpenStackEntityContent />, {
        entityResources: entityResourcesOf(),
      });
      expect(
        await screen.findByText(
          'No OpenStack resources are tagged for this entity',
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByText(
          /^Looked in cloud lab, project demo, region RegionOne, for resources tagged canopy\.entity=component\.default\.payments \(volumes: as metadata\)/,
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByText(/openstack\.canopy-idp\.io\/tags/),
      ).toBeInTheDocument();
    },
    SLOW,
  );

  it(
    'does not call an empty answer of failed sources "nothing tagged"',
    async () => {
      await renderForEntity(<OpenStackEntityContent />, {
        entityResources: entityResourcesOf(
          {},
          {
            regions: [],
            sources: [
              {
                ...failedSource('identity', 'error', 'Keystone refused'),
                region: '*',
              },
            ],
          },
        ),
      });
      expect(
        await screen.findByText('identity in lab: error — Keystone refused'),
      ).toBeInTheDocument();
      expect(
        screen.queryByText('No OpenStack resources are tagged for this entity'),
      ).not.toBeInTheDocument();
    },
    SLOW,
  );

  it(
    'tells a user who may not read the resources so',
    async () => {
      await renderForEntity(<OpenStackEntityContent />, {
        entityResources: await backendError(
          403,
          "component:default/payments: its owner group:default/team-b is not an owner of project 'demo' in cloud 'lab'; rule: an entity's resources are listed only when the entity's owner, or a group above it (childOf), is an owner of the project",
        ),
      });
      expect(
        await screen.findByText(
          'You may not see the OpenStack resources of component:default/payments',
        ),
      ).toBeInTheDocument();
      // The backend's reason, naming the project and the rule, is shown.
      expect(
        screen.getByText(/is not an owner of project 'demo'.*rule: /),
      ).toBeInTheDocument();
      expect(screen.queryByText('Servers')).not.toBeInTheDocument();
    },
    SLOW,
  );

  it(
    "says when the entity's cloud is not configured in this portal, and where to configure it",
    async () => {
      await renderForEntity(<OpenStackEntityContent />, {
        clouds: [],
        entityResources: await backendError(
          404,
          "No OpenStack cloud named 'lab' is configured (configured: none)",
        ),
      });
      expect(
        await screen.findByText(
          "The OpenStack cloud 'lab' is not configured in this portal",
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByText(
          /under openstack\.clouds in the backend's app-config\.yaml/,
        ),
      ).toBeInTheDocument();
    },
    SLOW,
  );

  it(
    'shows the backend error of a failed request',
    async () => {
      await renderForEntity(<OpenStackEntityContent />, {
        entityResources: await backendError(
          400,
          "component:default/payments: unknown cloud 'nope'",
        ),
      });
      expect(
        await screen.findByText(/Could not load the OpenStack resources/),
      ).toBeInTheDocument();
      expect(
        screen.getAllByText(/unknown cloud 'nope'/).length,
      ).toBeGreaterThan(0);
      // The details are open from the start, not behind a click.
      expect(screen.getByRole('button', { expanded: true })).toBeVisible();
    },
    SLOW,
  );

  it(
    'shows progress while loading',
    async () => {
      await renderForEntity(<OpenStackEntityContent />, {
        entityResources: 'pending',
      });
      expect(await screen.findByTestId('progress')).toBeInTheDocument();
    },
    SLOW,
  );

  it(
    'reloads on request',
    async () => {
      const calls = await renderForEntity(<OpenStackEntityContent />, {
        entityResources: entityResourcesOf({
          servers: paymentsResources.servers,
        }),
      });
      await userEvent.click(
        await screen.findByRole('button', { name: 'Reload' }),
      );
      await waitFor(() => expect(calls).toHaveLength(2));
      expect(await screen.findByText('Servers (2)')).toBeInTheDocument();
    },
    SLOW,
  );
});
