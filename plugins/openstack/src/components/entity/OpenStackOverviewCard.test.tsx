import { screen, within } from '@testing-library/react';
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
import { OpenStackOverviewCard } from './OpenStackOverviewCard';

/** A System as the catalog's OpenStack provider emits it for project demo. */
const demoSystem = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'openstack-lab-demo',
    annotations: {
      'openstack.canopy-idp.io/cloud': 'lab',
      'openstack.canopy-idp.io/project': 'demo',
    },
  },
  spec: { owner: 'group:default/payments-team' },
};

describe('OpenStackOverviewCard', () => {
  it(
    'counts the resources per kind, sums up server statuses and shows the compute quota',
    async () => {
      await renderForEntity(<OpenStackOverviewCard />, {
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
          runRate: {
            currency: 'EUR',
            hourly: 0.0598,
            monthly: 43.654,
            unpriced: ['server gpu.large in RegionOne: no price'],
          },
        }),
      });

      const counts = await screen.findByLabelText('Resource counts');
      // The run-rate, to the cent a month and four digits an hour.
      expect(
        screen.getByText('43.65 EUR a month (0.0598 EUR an hour)'),
      ).toBeInTheDocument();
      expect(
        screen.getByText('Not priced: server gpu.large in RegionOne: no price'),
      ).toBeInTheDocument();
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
      await renderForEntity(
        <OpenStackOverviewCard />,
        {
          entityResources: entityResourcesOf(paymentsResources),
        },
        { withTab: false },
      );
      expect(await screen.findByLabelText('Resource counts')).toBeVisible();
      expect(
        screen.queryByRole('link', { name: /Show the OpenStack resources/ }),
      ).not.toBeInTheDocument();
    },
    SLOW,
  );

  it.each([
    {
      what: 'warns about a failed source',
      answer: async () =>
        entityResourcesOf(
          { servers: paymentsResources.servers },
          { sources: [failedSource('volumev3', 'error', 'HTTP 500')] },
        ),
      says: [
        /An OpenStack source could not be read/,
        'volumev3 in RegionOne: error — HTTP 500',
      ],
    },
    {
      what: 'says when nothing is tagged',
      answer: async () => entityResourcesOf(),
      says: [
        'No OpenStack resources are tagged for this entity (canopy.entity=component.default.payments).',
      ],
    },
    {
      what: 'says in one line when the user may not read the resources',
      answer: () => backendError(403, 'Not allowed'),
      says: [
        'You may not see the OpenStack resources of component:default/payments',
      ],
    },
    {
      what: 'says in one line when the request failed',
      answer: () => backendError(503, 'Keystone is down'),
      says: [
        'Could not load the OpenStack resources: Keystone is down (HTTP 503)',
      ],
    },
  ])(
    '$what',
    async ({ answer, says }) => {
      await renderForEntity(<OpenStackOverviewCard />, {
        entityResources: await answer(),
      });
      for (const text of says) {
        expect(await screen.findByText(text)).toBeInTheDocument();
      }
    },
    SLOW,
  );

  it(
    'shows a project System the run-rate of its whole project, not of its own tag',
    async () => {
      const calls = await renderForEntity(
        <OpenStackOverviewCard />,
        {
          entityResources: entityResourcesOf(
            {},
            {
              runRate: {
                currency: 'EUR',
                hourly: 0,
                monthly: 0,
                unpriced: [],
              },
            },
          ),
          projectRunRate: {
            cloud: 'lab',
            project: 'demo',
            runRate: {
              currency: 'EUR',
              hourly: 0.1021,
              monthly: 74.56,
              unpriced: [],
            },
            sources: [failedSource('load-balancer', 'timeout', 'no answer')],
          },
        },
        { entity: demoSystem },
      );
      const section = await screen.findByLabelText('Project run-rate');
      expect(
        await within(section).findByText(
          '74.56 EUR a month (0.1021 EUR an hour)',
        ),
      ).toBeInTheDocument();
      expect(
        within(section).getByText(
          'Partial: leaves out what the sources that did not answer hold.',
        ),
      ).toBeInTheDocument();
      expect(screen.queryByText(/^0\.00 EUR a month/)).not.toBeInTheDocument();
      expect(calls).toContain('lab/run-rate in demo');
    },
    SLOW,
  );

  it.each([
    {
      what: 'names the rule when the user does not own the project',
      answer: () =>
        backendError(
          403,
          "user:default/guest is not an owner of project 'demo' in cloud 'lab'; rule: look-ups and quotas answer only for projects whose owners include the user or one of their groups",
        ),
      says: /Could not read the project's run-rate: user:default\/guest is not an owner of project 'demo'.*rule: /,
    },
    {
      what: 'says when the cloud has no pricing',
      answer: async () => ({ cloud: 'lab', project: 'demo', sources: [] }),
      says: 'Cloud lab has no pricing configured (openstack.clouds[].pricing).',
    },
  ])(
    'project System: $what',
    async ({ answer, says }) => {
      await renderForEntity(
        <OpenStackOverviewCard />,
        {
          entityResources: entityResourcesOf(),
          projectRunRate: await answer(),
        },
        { entity: demoSystem },
      );
      expect(await screen.findByText(says)).toBeInTheDocument();
    },
    SLOW,
  );
});
