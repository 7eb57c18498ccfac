import { screen, waitFor, within } from '@testing-library/react';
import {
  backendError,
  type FakeAnswers,
  minutesAgo,
  paymentsEntity,
  paymentsRequest,
  renderWithFakeApi,
  SLOW,
  stage,
} from '../../__testUtils__/fixtures';
import { EntityDeliveryCard } from './EntityDeliveryCard';

/** Renders the card on `payments`' page over the entity's requests. */
const renderCard = (
  requests: FakeAnswers['entity'],
  card = <EntityDeliveryCard />,
) => renderWithFakeApi(card, { entity: requests }, { entity: paymentsEntity });

describe('EntityDeliveryCard', () => {
  it(
    "shows the newest request's stages and what its pull request asked for",
    async () => {
      const earlier = paymentsRequest({
        id: 'req-0',
        title: 'Create payments (first try)',
        pullRequest: {
          ...paymentsRequest().pullRequest,
          url: 'https://github.com/canopy/payments/pull/41',
          number: 41,
        },
        state: 'failed',
        currentStage: 'pull-request',
        stages: [
          stage('pull-request', 'failed', {
            message: 'Closed without merging',
          }),
        ],
        createdAt: minutesAgo(120),
      });
      const calls = await renderCard([[earlier, paymentsRequest()]]);

      expect(
        await screen.findByRole('heading', { name: 'Create payments' }),
      ).toBeVisible();
      expect(screen.getByText('Delivery')).toBeVisible();
      expect(calls).toEqual(['entity component:default/payments']);

      expect(
        within(screen.getByRole('list', { name: 'Stages of Create payments' }))
          .getAllByRole('listitem')
          .map(row => row.textContent),
      ).toEqual([
        'Pull requestsucceededtook 4 minMerged by alicePull request #42, Opens in a new window',
        'Argo CDrunningfor 3 minProgressing: 1 of 3 resources healthyArgo CD application payments, Opens in a new window',
        'KROpending',
        'OpenStackpending',
      ]);

      expect(
        screen.getByRole('heading', {
          name: 'What the pull request asked for',
        }),
      ).toBeVisible();
      expect(
        within(
          screen.getByRole('list', { name: 'What the pull request asked for' }),
        )
          .getAllByRole('listitem')
          .map(item => item.textContent),
      ).toEqual([
        'Argo CD application payments',
        'KRO instance WebApp payments/payments-web',
        'OpenStack resources in project payments, region RegionOne, cloud lab, tagged canopy.entity=component.default.payments',
      ]);
      expect(
        screen.getByText(
          'The live objects are on the Kubernetes and OpenStack tabs of this entity.',
        ),
      ).toBeVisible();

      const others = screen.getByRole('list', { name: 'Earlier requests' });
      expect(
        within(others)
          .getAllByRole('listitem')
          .map(item => item.textContent),
      ).toEqual([
        'Create payments (first try)failedcanopy/payments#41, Opens in a new window2 h ago',
      ]);
      // On the entity's own page the entity is not repeated.
      expect(screen.queryByText('Entity')).not.toBeInTheDocument();
    },
    SLOW,
  );

  it(
    'says so when the entity has no requests',
    async () => {
      await renderCard([[]]);
      expect(
        await screen.findByText(/No requests for this entity yet/),
      ).toBeVisible();
      expect(
        screen.queryByText('What the pull request asked for'),
      ).not.toBeInTheDocument();
    },
    SLOW,
  );

  it(
    'says when the pull request asked for nothing else',
    async () => {
      await renderCard([[paymentsRequest({ expected: {} })]]);
      expect(
        await screen.findByText('Nothing beyond the pull request itself.'),
      ).toBeVisible();
    },
    SLOW,
  );

  it(
    "shows the backend's message when the requests cannot be loaded",
    async () => {
      await renderCard([
        await backendError(403, 'You may not read these requests'),
      ]);
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'Could not load the requests: You may not read these requests (HTTP 403)',
      );
    },
    SLOW,
  );

  it(
    'asks again while the newest request is open',
    async () => {
      const failed = paymentsRequest({
        state: 'failed',
        currentStage: 'argocd',
        stages: [
          stage('pull-request', 'succeeded'),
          stage('argocd', 'failed', { message: 'Degraded: ImagePullBackOff' }),
        ],
      });
      await renderCard(
        [[paymentsRequest()], [failed]],
        <EntityDeliveryCard pollIntervalMs={50} />,
      );
      await waitFor(() =>
        expect(screen.getByRole('alert')).toHaveTextContent(
          'Degraded: ImagePullBackOff',
        ),
      );
    },
    SLOW,
  );
});
