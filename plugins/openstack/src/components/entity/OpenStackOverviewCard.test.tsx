import { screen, within } from '@testing-library/react';
import {
  backendError,
  entityResourcesOf,
  failedSource,
  fakeOpenStackApi,
} from '../../__testUtils__/fakeOpenStackApi';
import {
  paymentsResources,
  renderForEntity,
} from '../../__testUtils__/entityFixtures';
import { OpenStackOverviewCard } from './OpenStackOverviewCard';

// Generous: a loaded 2-core machine renders these pages slowly.
const SLOW = 120_000;

describe('OpenStackOverviewCard', () => {
  it(
    'counts the resources per kind, sums up server statuses and shows the compute quota',
    async () => {
      const { api } = fakeOpenStackApi({
        entityResources: entityResourcesOf(paymentsResources, {
          quotas: [
            {
              region: 'RegionOne',
              compute: {
                instances: { limit: 12, inUse: 9, reserved: 0 },
                cores: { limit: 20, inUse: 9, reserved: 0 },
                ram: { limit: -1, inUse: 4608, reserved: 0 },
              },
              volume: { volumes: { limit: 10, inUse: 1, reserved: 0 } },
            },
          ],
        }),
      });
      await renderForEntity(<OpenStackOverviewCard />, api);

      const counts = await screen.findByLabelText('Resource counts');
      expect(counts.textContent).toBe(
        '2Servers1Volumes1Networks1Subnets1Routers1Ports1Floating IPs1Security groups1Load balancers',
      );
      const statuses = screen.getByLabelText('Server statuses');
      expect(within(statuses).getByText('1 ACTIVE')).toBeInTheDocument();
      expect(within(statuses).getByText('1 ERROR')).toBeInTheDocument();

      const quota = screen.getByRole('table', {
        name: 'Quota usage in RegionOne',
      });
      expect(
        within(quota)
          .getAllByRole('row')
          .map(r => r.textContent),
      ).toEqual([
        'Instances9 of 12 used',
        'vCPUs9 of 20 used',
        'RAM4.5 GiB used, unlimited',
      ]);
      expect(screen.getByText('lab · RegionOne')).toBeInTheDocument();
      expect(
        screen.getByRole('link', { name: /Show the OpenStack resources/ }),
      ).toHaveAttribute('href', '/cloud-resources');
    },
    SLOW,
  );

  it(
    'links to the tab only where the app mounts one',
    async () => {
      const { api } = fakeOpenStackApi({
        entityResources: entityResourcesOf(paymentsResources),
      });
      await renderForEntity(<OpenStackOverviewCard />, api, undefined, {
        withTab: false,
      });
      expect(await screen.findByLabelText('Resource counts')).toBeVisible();
      expect(
        screen.queryByRole('link', { name: /Show the OpenStack resources/ }),
      ).not.toBeInTheDocument();
    },
    SLOW,
  );

  it(
    'warns about failed sources and says when nothing is tagged',
    async () => {
      const { api } = fakeOpenStackApi({
        entityResources: entityResourcesOf(
          { servers: paymentsResources.servers },
          { sources: [failedSource('volumev3', 'error', 'HTTP 500')] },
        ),
      });
      await renderForEntity(<OpenStackOverviewCard />, api);
      expect(
        await screen.findByText(/An OpenStack source could not be read/),
      ).toBeInTheDocument();
      expect(
        screen.getByText('volumev3 in RegionOne: error — HTTP 500'),
      ).toBeInTheDocument();

      const { api: emptyApi } = fakeOpenStackApi({
        entityResources: entityResourcesOf(),
      });
      await renderForEntity(<OpenStackOverviewCard />, emptyApi);
      expect(
        await screen.findByText(
          'No OpenStack resources are tagged for this entity (canopy.entity=component.default.payments).',
        ),
      ).toBeInTheDocument();
    },
    SLOW,
  );

  it(
    'says in one line when the user may not read the resources, or the request failed',
    async () => {
      const { api } = fakeOpenStackApi({
        entityResources: await backendError(403, 'Not allowed'),
      });
      await renderForEntity(<OpenStackOverviewCard />, api);
      expect(
        await screen.findByText(
          'You may not see the OpenStack resources of component:default/payments',
        ),
      ).toBeInTheDocument();

      const { api: failing } = fakeOpenStackApi({
        entityResources: await backendError(503, 'Keystone is down'),
      });
      await renderForEntity(<OpenStackOverviewCard />, failing);
      expect(
        await screen.findByText(
          'Could not load the OpenStack resources: Keystone is down (HTTP 503)',
        ),
      ).toBeInTheDocument();
    },
    SLOW,
  );
});
